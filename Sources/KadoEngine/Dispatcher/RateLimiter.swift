/// Spaces out sends to at most `perSecond` per channel, smoothly (no bursts).
actor RateLimiter {
    private let interval: Duration
    private var nextSlot: ContinuousClock.Instant = .now

    init(perSecond: Double) {
        interval = .nanoseconds(Int64(1_000_000_000 / max(perSecond, 0.001)))
    }

    /// Waits until this caller's slot.
    func acquire() async {
        let now = ContinuousClock.now
        let slot = max(now, nextSlot)
        nextSlot = slot + interval
        if slot > now { try? await Task.sleep(until: slot, clock: .continuous) }
    }
}
