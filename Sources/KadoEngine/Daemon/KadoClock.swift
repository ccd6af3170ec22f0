import Foundation

/// Time as the scheduler, dispatcher and daemon see it: the wall clock for trigger
/// instants, and sleeping. Injected, so tests (and `kado run --now`) can move it.
package protocol KadoClock: Sendable {
    /// The current instant.
    func now() -> Date
    /// Sleeps for `duration` of this clock's time; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

extension KadoClock {
    /// Sleeps until `instant` on this clock (returns at once when it has passed).
    package func sleep(until instant: Date) async throws {
        let seconds = instant.timeIntervalSince(now())
        if seconds > 0 { try await sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) }
    }
}

/// The system's clock, optionally shifted so that it reads `start` now and runs on
/// from there (`kado run --now`).
package struct SystemClock: KadoClock {
    private let offset: TimeInterval

    package init(startingAt start: Date? = nil) {
        offset = start.map { $0.timeIntervalSinceNow } ?? 0
    }

    package func now() -> Date { Date().addingTimeInterval(offset) }

    package func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
