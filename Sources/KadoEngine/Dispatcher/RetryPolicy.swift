/// When a failed message is tried again: exponential backoff with jitter, or the
/// provider's own delay (Retry-After), never sooner than `minimum`, until the
/// channel's attempts run out.
package struct RetryPolicy: Sendable {
    /// Delay after the first failure.
    package var base: Duration
    /// Longest delay between attempts.
    package var cap: Duration
    /// Shortest delay: a `Retry-After` of 0 or in the past still waits this long.
    package var minimum: Duration
    /// A number in 0...1 for the random half of each backoff (injectable for tests).
    package var jitter: @Sendable () -> Double

    package init(
        base: Duration = .seconds(30), cap: Duration = .seconds(6 * 3600), minimum: Duration = .seconds(1),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.base = base
        self.cap = cap
        self.minimum = minimum
        self.jitter = jitter
    }

    /// The delay before attempt `attempts + 1`, given `attempts` made so far (≥ 1):
    /// the provider's delay when it gave one, else base·2^(attempts−1) with "equal
    /// jitter" (half fixed, half random); capped, and at least `minimum`.
    package func delay(afterAttempts attempts: Int, providerDelay: Duration?) -> Duration {
        if let providerDelay { return min(max(providerDelay, minimum), cap) }
        let exponent = min(max(attempts - 1, 0), 30)
        let full = min(base * (1 << exponent), cap)
        let half = full / 2
        return max(half + half * min(max(jitter(), 0), 1), minimum)
    }
}
