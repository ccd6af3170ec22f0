import Foundation

/// When a failed message is tried again: exponential backoff with jitter, or
/// the provider's own delay (Retry-After), until the channel's attempts run out.
public struct RetryPolicy: Sendable {
    /// Delay after the first failure.
    public var base: Duration
    /// Longest delay between attempts.
    public var cap: Duration

    public init(base: Duration = .seconds(30), cap: Duration = .seconds(6 * 3600)) {
        self.base = base
        self.cap = cap
    }

    /// The delay before attempt `attempts + 1`, given `attempts` made so far (≥ 1):
    /// base·2^(attempts−1), capped, with "equal jitter" (half fixed, half random).
    public func delay(afterAttempts attempts: Int, providerDelay: Duration?) -> Duration {
        if let providerDelay { return min(providerDelay, cap) }
        let exponent = min(max(attempts - 1, 0), 30)
        let full = min(base * (1 << exponent), cap)
        let half = full / 2
        let jitter = Double.random(in: 0...1)
        return half + half * jitter
    }
}
