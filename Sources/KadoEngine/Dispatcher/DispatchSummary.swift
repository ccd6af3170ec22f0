/// Counts of one dispatch run, also used for progress.
public struct DispatchSummary: Sendable, Hashable {
    /// Rows due when the run started (for "left").
    public var due = 0
    public var sent = 0
    /// Failed, to be tried again later.
    public var retrying = 0
    /// Given up: permanent failure or attempts exhausted.
    public var dead = 0
    public var elapsed: Duration = .zero

    public init() {}

    public var processed: Int { sent + retrying + dead }
    public var left: Int { max(0, due - processed) }

    /// Messages handled per second so far.
    public var rate: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(processed) / seconds : 0
    }
}
