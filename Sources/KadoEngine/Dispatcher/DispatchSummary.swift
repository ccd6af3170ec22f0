/// Counts of one dispatch run, by message (each message counts once, with its
/// outcome in this run), also used for progress.
package struct DispatchSummary: Sendable, Hashable {
    /// Messages due when the run started (for "left").
    package var due = 0
    package var sent = 0
    /// Failed, to be tried again later.
    package var retrying = 0
    /// Given up: permanent failure or attempts exhausted.
    package var dead = 0
    /// Not sent because their promo had ended.
    package var expired = 0
    /// Not sent because the recipient is suppressed on the channel.
    package var suppressed = 0
    /// Handed back unsent because their channel is paused (rate limit, credentials).
    package var deferred = 0
    /// Held because they would have gone out in quiet hours: due again when those end.
    package var quiet = 0
    /// Not sent because the customer had reached the tenant's frequency cap on the channel.
    package var capped = 0
    /// Wall time of the run.
    package var elapsed: Duration = .zero

    package init() {}

    /// Messages this run settled or deferred.
    package var processed: Int { sent + retrying + dead + expired + suppressed + deferred + quiet + capped }
    package var left: Int { max(0, due - processed) }

    /// Messages handled per second so far.
    package var rate: Double {
        let seconds = elapsed.inSeconds
        return seconds > 0 ? Double(processed) / seconds : 0
    }

    mutating func add(_ other: DispatchSummary) {
        sent += other.sent
        retrying += other.retrying
        dead += other.dead
        expired += other.expired
        suppressed += other.suppressed
        deferred += other.deferred
        quiet += other.quiet
        capped += other.capped
    }
}
