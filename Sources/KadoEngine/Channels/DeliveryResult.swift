/// What a provider reports for one message. Providers classify their own
/// failures (``DeliveryFailure/Kind``): the dispatcher only acts on the classification.
package enum DeliveryResult: Sendable, Hashable {
    /// Accepted by the provider, with its message id when it gives one.
    case sent(providerMessageID: String?)
    /// Not delivered this time; tried again later (a temporary, rate-limit or credentials failure).
    case retry(DeliveryFailure)
    /// Not delivered, and never will be as it is (a permanent or unreachable-recipient failure).
    case failed(DeliveryFailure)

    /// A temporary failure, retried after `after` when the provider said how long.
    package static func retry(
        after: Duration?, reason: String, code: String? = nil, kind: DeliveryFailure.Kind = .temporary
    ) -> DeliveryResult {
        .retry(DeliveryFailure(kind, reason: reason, code: code, retryAfter: after))
    }

    /// A permanent failure.
    package static func failed(
        reason: String, code: String? = nil, kind: DeliveryFailure.Kind = .permanent
    ) -> DeliveryResult {
        .failed(DeliveryFailure(kind, reason: reason, code: code))
    }

    /// Rejected credentials: the channel pauses, the message waits.
    package static func unauthorized(reason: String, code: String?) -> DeliveryResult {
        .retry(DeliveryFailure(.credentials, reason: reason, code: code))
    }

    /// The failure, when there is one.
    package var failure: DeliveryFailure? {
        switch self {
        case .sent: return nil
        case .retry(let f), .failed(let f): return f
        }
    }
}
