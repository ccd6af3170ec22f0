/// Why a provider did not deliver a message, as the provider classified it.
package struct DeliveryFailure: Sendable, Hashable, CustomStringConvertible {
    /// What the failure means for the message and its channel.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Passing trouble (5xx, timeout, SMTP 4xx): the message is tried again later.
        case temporary
        /// The provider asked to slow down (429, throttling codes): the message is tried
        /// again, and the whole channel pauses for every dispatcher until `retryAfter`.
        case rateLimited = "rate_limited"
        /// The provider rejected kado's credentials (SMTP 535, HTTP 401/403, Graph 190): the
        /// channel pauses for the tenant and the message stays pending, not dead.
        case credentials
        /// This message can never be delivered as it is (bad request, template problem).
        case permanent
        /// This recipient cannot get messages on this channel (unknown mailbox, number not
        /// on WhatsApp): permanent for the message.
        case recipientUnreachable = "recipient_unreachable"
    }

    package var kind: Kind
    /// One line for people: the provider's status, code and own words. Never a secret.
    package var reason: String
    /// The provider's structured code for the outbox's `last_error_code` column, e.g.
    /// `smtp 550 5.1.1`, `http 429`, `graph 131026`, `timeout data`.
    package var code: String?
    /// How long the provider asked to wait (Retry-After), when it said.
    package var retryAfter: Duration?

    package init(_ kind: Kind, reason: String, code: String? = nil, retryAfter: Duration? = nil) {
        self.kind = kind
        self.reason = reason
        self.code = code
        self.retryAfter = retryAfter
    }

    /// Whether the message is tried again.
    package var isRetryable: Bool { kind == .temporary || kind == .rateLimited || kind == .credentials }

    package var description: String { reason }
}
