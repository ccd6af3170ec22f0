/// The record of one evaluated (tenant, rule, local date), stored in `kado_runs.status`.
package enum RunStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Promo, eligibilities and outbox rows were written.
    case done
    /// Nobody qualified: nothing but the record was written.
    case empty
    /// Missed beyond the catch-up window; never evaluated.
    case skipped
    /// The evaluation failed (`detail` says why); retried at `next_attempt_at`.
    case failed
}
