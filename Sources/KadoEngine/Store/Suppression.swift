import Foundation

/// A user who gets no more messages on a tenant's channel: unsubscribed with one click,
/// or added by hand (`kado suppressions add`). The evaluator writes no outbox row for
/// them and the dispatcher marks rows already written `suppressed`.
package struct Suppression: Sendable, Hashable {
    /// How a suppression came about; stored in `kado_suppressions.source`.
    package enum Source: String, Sendable, Hashable, CaseIterable, Codable {
        /// The one-click link (`POST /u/TOKEN`).
        case unsubscribe
        /// An operator (`kado suppressions add`).
        case manual
    }

    package var tenantID: String
    package var channel: String
    package var userID: Int
    package var source: Source
    /// A note: how the user unsubscribed, or the operator's reason.
    package var detail: String?
    package var createdAt: Date

    package init(
        tenantID: String, channel: String, userID: Int, source: Source, detail: String? = nil,
        createdAt: Date = Date()
    ) {
        self.tenantID = tenantID
        self.channel = channel
        self.userID = userID
        self.source = source
        self.detail = detail
        self.createdAt = createdAt
    }
}
