import Foundation

/// What evaluating one (tenant, rule, local date) did, or would do in a dry run.
public struct EvaluationResult: Sendable {
    public enum Outcome: String, Sendable {
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

    public var tenantID: String
    public var ruleID: String
    public var date: LocalDate
    public var outcome: Outcome
    public var audience: Int = 0
    public var promoID: Int?
    /// The shared code, or nil for per-user codes.
    public var code: String?
    /// Per-user codes issued.
    public var userCodes: Int = 0
    public var eligibilities: Int = 0
    /// Outbox rows by channel.
    public var notifications: [String: Int] = [:]
    public var elapsed: Duration = .zero

    public init(tenantID: String, ruleID: String, date: LocalDate, outcome: Outcome) {
        self.tenantID = tenantID
        self.ruleID = ruleID
        self.date = date
        self.outcome = outcome
    }

    public var notificationTotal: Int { notifications.values.reduce(0, +) }
}
