import Foundation

/// The hand-over between the tasks that submit work and one engine thread (``CurlEngine``,
/// ``SMTPEngine``): jobs and cancellations queued under a lock, the shutdown deadline,
/// and the wake-up of the engine's wait. The wake-up is sent only while the engine is (or
/// is about to be) waiting, once per wait: jobs submitted while it is busy are picked up
/// by its next turn without one (bench/dispatch: a wake-up per message was a syscall and
/// a context switch each).
///
/// `@unchecked Sendable`: every stored property is read and written with `lock` held.
/// `wake` is called with `lock` held and never after ``finish()``, so the engine may free
/// what it wakes (the multi handle, the pipe) once that returned.
final class CurlInbox<Job>: @unchecked Sendable {
    /// What the engine takes at the start of a turn.
    struct Turn {
        var jobs: [Job]
        var cancelled: [CurlTicket]
        var deadline: ContinuousClock.Instant?
    }

    private let lock = NSLock()
    private let wake: () -> Void
    private var jobs: [Job] = []
    private var cancelled: [CurlTicket] = []
    private var deadline: ContinuousClock.Instant?
    private var stopped = false
    /// The engine is in (or about to enter) its wait with nothing queued.
    private var polling = false
    /// A wake-up was sent during the current wait.
    private var wakeSent = false
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []

    /// `wake` makes the engine's wait return (`curl_multi_wakeup`, a byte on a pipe).
    init(wake: @escaping () -> Void) {
        self.wake = wake
    }

    // MARK: Any thread

    /// Queues `job`; false once shutdown began (the caller fails the job).
    func submit(_ job: sending Job) -> Bool {
        lock.withLock {
            guard deadline == nil, !stopped else { return false }
            jobs.append(job)
            if polling && !wakeSent {
                wakeSent = true
                wake()
            }
            return true
        }
    }

    /// Marks `ticket` cancelled and tells the engine, which ends its job at its next turn.
    func cancel(_ ticket: CurlTicket) {
        ticket.cancel()
        lock.withLock {
            guard !stopped else { return }
            cancelled.append(ticket)
            wake()
        }
    }

    /// Stops accepting work; what still runs at `now + gracePeriod` is aborted by the
    /// engine. A later call can only bring the deadline forward.
    func requestShutdown(gracePeriod: Duration) {
        let proposed = ContinuousClock.now + gracePeriod
        lock.withLock {
            guard !stopped else { return }
            deadline = min(deadline ?? proposed, proposed)
            wake()
        }
    }

    /// Waits until the engine thread has finished (``finish()``).
    func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = lock.withLock {
                if !stopped { exitWaiters.append(continuation) }
                return stopped
            }
            if done { continuation.resume() }
        }
    }

    // MARK: Engine thread

    /// Everything submitted since the last turn, and the shutdown deadline.
    func take() -> Turn {
        lock.withLock {
            defer {
                jobs.removeAll()
                cancelled.removeAll()
            }
            return Turn(jobs: jobs, cancelled: cancelled, deadline: deadline)
        }
    }

    /// Whether the engine may wait: nothing arrived since ``take()`` and the deadline it
    /// saw is still the deadline. From here until ``endWait()`` a submit wakes it (a
    /// wake-up sent before the wait starts makes it return at once).
    func beginWait(sawDeadline: ContinuousClock.Instant?) -> Bool {
        lock.withLock {
            polling = jobs.isEmpty && cancelled.isEmpty && deadline == sawDeadline
            wakeSent = false
            return polling
        }
    }

    /// The wait returned.
    func endWait() {
        lock.withLock { polling = false }
    }

    /// The engine stopped: no more work is accepted and no wake-up is sent after this
    /// returns. Returns the ``waitUntilStopped()`` callers, to resume once the engine has
    /// freed its resources.
    func finish() -> [CheckedContinuation<Void, Never>] {
        lock.withLock {
            stopped = true
            defer { exitWaiters.removeAll() }
            return exitWaiters
        }
    }
}
