/// Counts of one dispatch run, by message (each message counts once, with its
/// outcome in this run), also used for progress.
public struct DispatchSummary: Sendable, Hashable {
    /// Messages due when the run started (for "left").
    public var due = 0
    public var sent = 0
    /// Failed, to be tried again later.
    public var retrying = 0
    /// Given up: permanent failure or attempts exhausted.
    public var dead = 0
    /// Not sent because their promo had ended.
    public var expired = 0
    /// Not sent because the recipient is suppressed on the channel.
    public var suppressed = 0
    /// Handed back unsent because their channel is paused (rate limit, credentials).
    public var deferred = 0
    /// Held because they would have gone out in quiet hours: due again when those end.
    public var quiet = 0
    /// Not sent because the customer had reached the tenant's frequency cap on the channel.
    public var capped = 0
    /// Wall time of the run.
    public var elapsed: Duration = .zero

    public init() {}

    /// Messages this run settled or deferred.
    public var processed: Int { sent + retrying + dead + expired + suppressed + deferred + quiet + capped }
    public var left: Int { max(0, due - processed) }

    /// Messages handled per second so far.
    public var rate: Double {
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
