import Foundation
import KadoPostgres

/// Checking, claiming and releasing codes for a tenant's backend (the HTTP API's
/// `validations` and `redemptions`). Every claim and release is one statement in
/// ``RedemptionStore`` and is recorded; the outcome is counted in
/// `kado_redemptions_total{tenant,result}`.
package struct Redemptions: Sendable {
    let database: DatabasePool
    let clock: any KadoClock
    private let store = RedemptionStore()

    package init(database: DatabasePool, clock: any KadoClock = SystemClock()) {
        self.database = database
        self.clock = clock
    }

    /// The code's promo and what it takes off the order, without claiming it; throws
    /// ``RedemptionFailure`` when it could not be redeemed now.
    package func validate(_ request: RedemptionRequest, tenantID: String) async throws -> RedeemedCode {
        let (store, now) = (self.store, clock.now())
        let answer = try await database.perform { c in
            try store.check(
                tenantID: tenantID, code: request.code, userID: request.userID, at: now, connection: c)
        }
        if answer.result == "valid" { return try code(answer, request) }
        throw try failure(answer)
    }

    /// Claims the code for the user; of concurrent claims of one (code, user) exactly one
    /// succeeds. Throws ``RedemptionFailure`` otherwise.
    package func redeem(_ request: RedemptionRequest, tenantID: String) async throws -> RedeemedCode {
        let (store, now) = (self.store, clock.now())
        var answer = try await database.perform { c in
            try store.claim(
                tenantID: tenantID, code: request.code, userID: request.userID,
                orderAmount: request.orderAmount,
                at: now, connection: c)
        }
        KadoMetrics.redemption(tenant: tenantID, result: answer.result)
        if answer.result == RedemptionResult.claimed.rawValue { return try code(answer, request) }
        if answer.result == RedemptionResult.alreadyClaimed.rawValue, answer.claimedAt == nil,
            let promoID = answer.promoID
        {
            // Claimed by a concurrent request that committed while this one waited.
            answer.claimedAt = try await database.perform { c in
                try store.claimedAt(
                    tenantID: tenantID, promoID: promoID, userID: request.userID, connection: c)
            }
        }
        throw try failure(answer)
    }

    /// Releases the user's claim (the order was cancelled). Throws ``RedemptionFailure``
    /// (`not_claimed` when there is no claim).
    package func release(_ request: RedemptionRequest, tenantID: String) async throws {
        let (store, now) = (self.store, clock.now())
        let answer = try await database.perform { c in
            try store.release(
                tenantID: tenantID, code: request.code, userID: request.userID, at: now, connection: c)
        }
        KadoMetrics.redemption(tenant: tenantID, result: answer.result)
        if answer.result != RedemptionResult.released.rawValue { throw try failure(answer) }
    }

    private func code(_ answer: RedemptionStore.Answer, _ request: RedemptionRequest) throws -> RedeemedCode {
        guard let promoID = answer.promoID, let terms = answer.terms else {
            throw PostgresError(kind: .decoding, message: "a found code came back without its promo")
        }
        return RedeemedCode(
            promoID: promoID, ruleID: answer.ruleID, code: request.code, userID: request.userID, terms: terms,
            discount: DiscountQuote(terms: terms, orderAmount: request.orderAmount),
            claimedAt: answer.claimedAt)
    }

    private func failure(_ answer: RedemptionStore.Answer) throws -> RedemptionFailure {
        guard let result = RedemptionResult(rawValue: answer.result) else {
            throw PostgresError(kind: .decoding, message: "unknown redemption result '\(answer.result)'")
        }
        return RedemptionFailure(
            result, claimedAt: answer.claimedAt, validFrom: answer.terms?.validFrom,
            validUntil: answer.terms?.validUntil)
    }
}
