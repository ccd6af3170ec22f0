/// What became of one claimed message, as the dispatcher records it.
package struct OutboxOutcome: Sendable, Hashable {
    /// The row's key: its tenant and id.
    package var tenantID: String
    package var id: Int64
    /// `sent`, `failed` (retry at `retryDelay`), `dead`, or `pending` / `failed` again
    /// without an attempt counted (`countsAttempt` false: the channel was paused first).
    package var status: OutboxStatus
    /// Whether this was a real attempt (it is not when the message was handed back unsent).
    package var countsAttempt: Bool
    /// From when the outcome was observed to the next attempt (failed and returned rows).
    package var retryDelay: Duration
    /// How long ago the outcome was observed, so times count from the send, not the write.
    package var age: Duration
    package var providerMessageID: String?
    package var error: String?
    /// The provider's structured code (`smtp 550 5.1.1`, `http 429`, `graph 131026`).
    package var errorCode: String?
    /// The recipient cannot get messages on this channel: the row's fallback (captured at
    /// issuance), if it has one, is written once in its place (``OutboxStore/record(_:claimant:connection:)``).
    package var fallsBack = false

    package init(
        tenantID: String, id: Int64, status: OutboxStatus, countsAttempt: Bool = true,
        retryDelay: Duration = .zero,
        age: Duration = .zero, providerMessageID: String? = nil, error: String? = nil,
        errorCode: String? = nil
    ) {
        self.tenantID = tenantID
        self.id = id
        self.status = status
        self.countsAttempt = countsAttempt
        self.retryDelay = retryDelay
        self.age = age
        self.providerMessageID = providerMessageID
        self.error = error
        self.errorCode = errorCode
    }

    /// The outcome of `message`'s row, keyed as it was claimed.
    package init(
        of message: ClaimedMessage, status: OutboxStatus, countsAttempt: Bool = true,
        retryDelay: Duration = .zero,
        providerMessageID: String? = nil, error: String? = nil, errorCode: String? = nil
    ) {
        self.init(
            tenantID: message.tenantID, id: message.id, status: status, countsAttempt: countsAttempt,
            retryDelay: retryDelay, providerMessageID: providerMessageID, error: error, errorCode: errorCode)
    }
}
