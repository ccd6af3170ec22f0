import Foundation

/// One process's door to a tenant channel's shared state: it spends the tokens it
/// was granted from the channel's bucket in PostgreSQL (taking more in small grants,
/// so several dispatchers together keep the channel's `rate_limit`), and it knows
/// when the channel is paused (a provider's Retry-After or rejected credentials,
/// seen by this process or another).
actor ChannelGate {
    enum Admission: Sendable, Hashable {
        case go
        case paused(until: Date, reason: String)
    }

    let tenantID: String
    let channel: String
    /// Messages per second, nil for none.
    let rate: Double?
    private let grantSize: Int
    private let burst: Double
    private let database: Database
    private let clock: any KadoClock
    private let store = ChannelStateStore()

    private var tokens = 0
    private var pausedUntil: Date?
    private var pauseReason = ""
    private var lastCheck: Date?
    private var refill: Task<Void, any Error>?

    /// How often a channel without a rate limit looks for pauses set by other dispatchers.
    static let pauseCheckInterval: TimeInterval = 1

    init(tenantID: String, channel: String, rate: Double?, database: Database, clock: any KadoClock) {
        self.tenantID = tenantID
        self.channel = channel
        self.rate = rate
        self.database = database
        self.clock = clock
        // A tenth of a second's worth per grant, stored at most a quarter second's worth:
        // one statement per grant keeps the cost per message small at any rate.
        let size = max(1, Int((rate ?? 0) * 0.1))
        grantSize = size
        burst = max(Double(size), (rate ?? 0) * 0.25)
    }

    /// Waits for a token (or learns the channel is paused).
    func admit() async throws -> Admission {
        while true {
            let now = clock.now()
            if let until = pausedUntil, until > now { return .paused(until: until, reason: pauseReason) }
            if rate == nil, let lastCheck, now.timeIntervalSince(lastCheck) < Self.pauseCheckInterval {
                return .go
            }
            if rate != nil, tokens > 0 {
                tokens -= 1
                return .go
            }
            if let refill {
                try await refill.value
                continue
            }
            // The task clears `refill` itself, on this actor, before it completes: a waiter
            // that resumes after it can never see a finished refill and loop on it.
            let task = Task {
                defer { self.refill = nil }
                try await self.takeTokens()
            }
            refill = task
            try await task.value
        }
    }

    /// This process saw the provider pause the channel; true when the channel was not
    /// already known to be paused (so the pause is logged once).
    @discardableResult
    func pause(until: Date, reason: String) -> Bool {
        let fresh = pausedUntil.map { $0 <= clock.now() } ?? true
        if pausedUntil.map({ $0 < until }) ?? true {
            pausedUntil = until
            pauseReason = reason
        }
        tokens = 0
        return fresh
    }

    /// A reload may have fixed credentials: forget a pause learned from the database.
    func forgetPause() {
        pausedUntil = nil
        lastCheck = nil
    }

    private func takeTokens() async throws {
        while true {
            let (rate, grantSize, burst, tenant, channel, store) = (
                self.rate, self.grantSize, self.burst, tenantID, self.channel, self.store
            )
            let grant = try await database.perform { c in
                try store.take(
                    grantSize, tenant: tenant, channel: channel, rate: rate, burst: burst, connection: c)
            }
            lastCheck = clock.now()
            if let until = grant.pausedUntil {
                pausedUntil = until
                pauseReason = grant.pauseReason ?? "paused"
                return
            }
            if rate == nil || grant.granted > 0 {
                tokens += rate == nil ? 0 : grant.granted
                return
            }
            try await clock.sleep(for: max(grant.wait, .milliseconds(5)))
        }
    }
}
