/// What became of one claimed message, as the dispatcher records it.
public struct OutboxOutcome: Sendable, Hashable {
    public var id: Int64
    /// `sent`, `failed` (retry at `retryDelay`), `dead`, or `pending` / `failed` again
    /// without an attempt counted (`countsAttempt` false: the channel was paused first).
    public var status: OutboxStatus
    /// Whether this was a real attempt (it is not when the message was handed back unsent).
    public var countsAttempt: Bool
    /// From when the outcome was observed to the next attempt (failed and returned rows).
    public var retryDelay: Duration
    /// How long ago the outcome was observed, so times count from the send, not the write.
    public var age: Duration
    public var providerMessageID: String?
    public var error: String?
    /// The provider's structured code (`smtp 550 5.1.1`, `http 429`, `graph 131026`).
    public var errorCode: String?
    /// The recipient cannot get messages on this channel: the row's fallback (captured at
    /// issuance), if it has one, is written once in its place (``OutboxStore/record(_:claimant:connection:)``).
    public var fallsBack = false

    public init(
        id: Int64, status: OutboxStatus, countsAttempt: Bool = true, retryDelay: Duration = .zero,
        age: Duration = .zero, providerMessageID: String? = nil, error: String? = nil,
        errorCode: String? = nil
    ) {
        self.id = id
        self.status = status
        self.countsAttempt = countsAttempt
        self.retryDelay = retryDelay
        self.age = age
        self.providerMessageID = providerMessageID
        self.error = error
        self.errorCode = errorCode
    }
}
