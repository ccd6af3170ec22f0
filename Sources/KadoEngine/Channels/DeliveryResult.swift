/// What a provider reports for one message. Providers classify their own
/// failures: the dispatcher only acts on the classification.
public enum DeliveryResult: Sendable, Hashable {
    /// Accepted by the provider, with its message id when it gives one.
    case sent(providerMessageID: String?)
    /// A temporary failure (rate limit, 5xx, timeout, SMTP 4xx): try again, after
    /// `after` when the provider said how long (Retry-After), else by backoff.
    case retry(after: Duration?, reason: String)
    /// A permanent failure (undeliverable number, SMTP 5xx, other 4xx): give up.
    case failed(reason: String)
}
