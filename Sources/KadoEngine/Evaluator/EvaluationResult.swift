import Foundation

/// What evaluating one (tenant, rule, local date) did, or would do in a dry run.
package struct EvaluationResult: Sendable {
    package enum Outcome: String, Sendable {
        /// Promo, eligibilities and outbox rows were written.
        case issued
        /// Nobody qualified: the run is recorded, no promo written.
        case empty
        /// A run for this occurrence already exists: nothing written.
        case alreadyDone = "already_done"
        /// Dry run: counted, nothing written.
        case dryRun = "dry_run"
        /// The trigger does not fire on this date.
        case notDue = "not_due"
        /// The occurrence was recorded as skipped (missed beyond its catch-up window).
        case skipped
    }

    package var tenantID: String
    package var ruleID: String
    package var date: LocalDate
    package var outcome: Outcome
    package var audience: Int = 0
    package var promoID: Int?
    /// The shared code, or nil for per-user codes.
    package var code: String?
    /// Per-user codes issued.
    package var userCodes: Int = 0
    package var eligibilities: Int = 0
    /// Outbox rows by channel.
    package var notifications: [String: Int] = [:]
    package var elapsed: Duration = .zero

    package init(tenantID: String, ruleID: String, date: LocalDate, outcome: Outcome) {
        self.tenantID = tenantID
        self.ruleID = ruleID
        self.date = date
        self.outcome = outcome
    }

    package var notificationTotal: Int { notifications.values.reduce(0, +) }
}
