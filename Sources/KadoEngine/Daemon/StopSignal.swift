import Foundation
import Synchronization

/// A one-way "stop now" flag that long-running work polls, or waits on: set by a
/// graceful shutdown (SIGTERM), never reset.
package final class StopSignal: Sendable {
    private let event = Signal()

    package init() {}

    package var isStopped: Bool { event.generation > 0 }

    /// Sets the flag and wakes every waiter. Calling it again does nothing.
    package func stop() {
        event.fireOnce()
    }

    /// Returns once ``stop()`` has been called, or when the task is cancelled.
    package func wait() async {
        await event.wait(after: 0)
    }
}

/// Wakes sleepers early: "new outbox rows", "configuration reloaded". A signal
/// that arrives while nobody waits is remembered until the next ``Signal/wait(after:)``
/// with an older generation.
package final class Signal: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: (after: UInt64, continuation: CheckedContinuation<Void, Never>)] = [:]
    }

    private let state = Mutex(State())

    package init() {}

    /// How many times the signal has fired.
    package var generation: UInt64 { state.withLock { $0.generation } }

    /// Fires: wakes every waiter.
    package func fire() {
        let woken = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.generation += 1
            defer { s.waiters.removeAll() }
            return s.waiters.values.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Fires only the first time.
    func fireOnce() {
        let first = state.withLock { $0.generation == 0 }
        if first { fire() }
    }

    /// Returns when the generation is past `after` (at once if it already is), or when
    /// the task is cancelled.
    package func wait(after: UInt64) async {
        let id = state.withLock { s -> UInt64 in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.generation > after || Task.isCancelled { return true }
                    s.waiters[id] = (after, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
    }

    /// Sleeps on `clock` until `deadline`, returning early when this signal fires past
    /// `after` or `stop` is set. Throws only `CancellationError`.
    package func sleep(until deadline: Date, after: UInt64, clock: any KadoClock, stop: StopSignal? = nil)
        async throws
    {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await clock.sleep(until: deadline) }
            group.addTask { await self.wait(after: after) }
            if let stop { group.addTask { await stop.wait() } }
            _ = try await group.next()
            group.cancelAll()
        }
        try Task.checkCancellation()
    }
}
