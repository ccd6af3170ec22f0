import Logging

/// Writes outcomes as they happen, in small groups: an outcome that arrives while a
/// write is in flight joins the next one (group commit), so a busy dispatcher writes
/// one statement per handful of messages and an idle one writes each at once.
/// ``record(_:)`` returns once its outcome is stored: a worker's send slot is free
/// only then, which bounds what a crash can leave delivered but unrecorded.
actor OutcomeRecorder {
    private let database: Database
    private let claimant: String
    /// The drain's held rows: a written outcome's row is no longer held.
    private let held: HeldLeases
    private let clock: any KadoClock
    /// Keep trying through a database outage (the daemon) instead of failing (one-shot commands).
    private let waitThroughOutages: Bool
    private let logger: Logger
    private let store = OutboxStore()

    private var pending: [(outcome: OutboxOutcome, observed: ContinuousClock.Instant)] = []
    private var waiters: [CheckedContinuation<Void, any Error>] = []
    private var writing = false

    init(
        database: Database, claimant: String, held: HeldLeases, clock: any KadoClock,
        waitThroughOutages: Bool,
        logger: Logger
    ) {
        self.database = database
        self.claimant = claimant
        self.held = held
        self.clock = clock
        self.waitThroughOutages = waitThroughOutages
        self.logger = logger
    }

    /// Stores `outcome` (observed now), returning once it is written.
    func record(_ outcome: OutboxOutcome) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append((outcome, .now))
            waiters.append(continuation)
            if !writing {
                writing = true
                Task { await self.writeAll() }
            }
        }
    }

    private func writeAll() async {
        while !pending.isEmpty {
            let group = pending
            let woken = waiters
            pending.removeAll(keepingCapacity: true)
            waiters.removeAll(keepingCapacity: true)
            let result = await write(group)
            for waiter in woken { waiter.resume(with: result) }
        }
        writing = false
    }

    private func write(_ group: [(outcome: OutboxOutcome, observed: ContinuousClock.Instant)]) async
        -> Result<
            Void, any Error
        >
    {
        let (store, claimant) = (self.store, self.claimant)
        while true {
            let outcomes = group.map { item -> OutboxOutcome in
                var outcome = item.outcome
                outcome.age = .now - item.observed
                return outcome
            }
            do {
                _ = try await database.perform { c in
                    try store.record(outcomes, claimant: claimant, connection: c)
                }
                held.forget(outcomes.lazy.map(\.id))
                return .success(())
            } catch is DatabaseUnavailable where waitThroughOutages {
                do {
                    try await clock.sleep(for: database.health.backoff)
                } catch {
                    logger.error(
                        "outcomes not recorded: stopped during a database outage; their leases will expire and they will be sent again",
                        metadata: ["messages": .stringConvertible(group.count), "reason": "\(error)"])
                    return .failure(error)
                }
            } catch {
                return .failure(error)
            }
        }
    }
}
