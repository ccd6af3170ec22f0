import Crypto
import Foundation

/// One-click unsubscribe: checks a link's token against the running configuration
/// and records the suppression (``SuppressionStore``), so that neither the evaluator
/// nor the dispatcher writes or sends to the user on that channel again.
package struct Unsubscriber: Sendable {
    let holder: ConfigHolder
    let database: DatabasePool
    let clock: any KadoClock
    private let store = SuppressionStore()

    package init(holder: ConfigHolder, database: DatabasePool, clock: any KadoClock = SystemClock()) {
        self.holder = holder
        self.database = database
        self.clock = clock
    }

    /// The token's (tenant, channel, user) when it is genuine and names a channel of a
    /// tenant with one-click unsubscribe; the tenant's display name with it.
    package func verify(_ text: String) throws(UnsubscribeToken.Problem) -> (
        token: UnsubscribeToken, tenantName: String
    ) {
        let configuration = holder.current.configuration
        let token = try UnsubscribeToken.verify(text) { tenantID in
            configuration.tenant(tenantID)?.config.unsubscribe?.secret
        }
        guard let tenant = configuration.tenant(token.tenantID), tenant.config.channels[token.channel] != nil
        else { throw .unknownTenant }
        return (token, tenant.config.name)
    }

    /// Suppresses the token's user on its channel; false when they already were.
    @discardableResult
    package func unsubscribe(_ token: UnsubscribeToken, detail: String) async throws -> Bool {
        let suppression = Suppression(
            tenantID: token.tenantID, channel: token.channel, userID: token.userID, source: .unsubscribe,
            detail: detail, createdAt: clock.now())
        let store = self.store
        return try await database.perform { c in try store.add(suppression, connection: c) }
    }
}
