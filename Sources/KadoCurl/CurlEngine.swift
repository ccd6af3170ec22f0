import CCurl
import Foundation

/// The transfer loop behind ``CurlClient``: one libcurl multi handle driven by one
/// dedicated thread (`curl_multi_perform` / `curl_multi_info_read` /
/// `curl_multi_poll`), so no blocking libcurl call ever runs on Swift's cooperative
/// pool. Other threads hand work over through a lock-protected inbox and wake the
/// loop with `curl_multi_wakeup` only when it is (about to be) waiting in
/// `curl_multi_poll`, once per wait: jobs submitted while it is busy are picked up by its
/// next pass without a wake-up of their own (bench/dispatch: one wake-up per message was
/// a syscall and a context switch each).
///
/// `@unchecked Sendable`: the state is split in two. The fields under "shared" are
/// only touched with `lock` held. The fields under "engine thread" (and the multi
/// handle, except for `curl_multi_wakeup`) are only touched by the engine thread.
/// `curl_multi_wakeup` is documented as callable from any thread; it is called with
/// `lock` held and only while `stopped` is false, so it never races the final
/// `curl_multi_cleanup`.
final class CurlEngine: @unchecked Sendable {
    /// A submitted transfer and the task waiting for it.
    struct Job {
        let transfer: CurlTransfer
        let ticket: CurlTicket
        let continuation: CheckedContinuation<CurlTransferOutcome, any Error>
    }

    let configuration: CurlClient.Configuration
    private let multi: UnsafeMutableRawPointer

    // Shared: guarded by `lock`.
    private let lock = NSLock()
    private var inbox: [Job] = []
    private var cancelled: [CurlTicket] = []
    private var deadline: ContinuousClock.Instant?
    private var stopped = false
    /// The engine thread is in (or about to enter) `curl_multi_poll` with an empty inbox.
    private var polling = false
    /// A `curl_multi_wakeup` was sent during the current wait.
    private var wakeSent = false
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []

    // Engine thread only.
    private var waiting = CurlJobQueue<Job>()
    private var active: [UnsafeMutableRawPointer: Job] = [:]

    /// Creates the multi handle and starts the engine thread.
    init(configuration: CurlClient.Configuration) throws(CurlError) {
        try CurlGlobal.ensureInitialized()
        guard let multi = curl_multi_init() else {
            throw CurlError(code: .failedInit, detail: "curl_multi_init failed", url: "")
        }
        self.multi = multi
        self.configuration = configuration
        let limit = max(1, configuration.maxConcurrentTransfers)
        _ = kado_curl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, limit)
        _ = kado_curl_multi_setopt_long(
            multi, CURLMOPT_MAXCONNECTS, max(limit, configuration.connectionCacheSize))
        if let perHost = configuration.maxConnectionsPerHost {
            _ = kado_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, perHost)
        }
        let thread = Thread { [self] in run() }
        thread.name = configuration.threadName
        thread.start()
    }

    // MARK: Any thread

    /// Queues a job for the engine thread, or fails it at once after shutdown began.
    func submit(_ job: sending Job) {
        let accepted = lock.withLock {
            guard deadline == nil, !stopped else { return false }
            inbox.append(job)
            if polling && !wakeSent {
                wakeSent = true
                curl_multi_wakeup(multi)
            }
            return true
        }
        if !accepted {
            job.continuation.resume(throwing: CurlError.shutDown(url: job.transfer.url))
        }
    }

    /// Cancels the job of `ticket` if it is still waiting or running.
    func cancel(_ ticket: CurlTicket) {
        ticket.cancel()
        lock.withLock {
            guard !stopped else { return }
            cancelled.append(ticket)
            curl_multi_wakeup(multi)
        }
    }

    /// Stops accepting work; transfers still running at `now + gracePeriod` are
    /// aborted. A later call can only bring the deadline forward.
    func requestShutdown(gracePeriod: Duration) {
        let proposed = ContinuousClock.now + gracePeriod
        lock.withLock {
            guard !stopped else { return }
            deadline = min(deadline ?? proposed, proposed)
            curl_multi_wakeup(multi)
        }
    }

    /// Waits until the engine thread has finished every job and exited.
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

    private func run() {
        while true {
            let (jobs, cancels, deadline) = lock.withLock {
                defer {
                    inbox.removeAll()
                    cancelled.removeAll()
                }
                return (inbox, cancelled, self.deadline)
            }
            for job in jobs {
                if job.ticket.isCancelled {
                    job.continuation.resume(throwing: CancellationError())
                } else {
                    waiting.append(job)
                }
            }
            for ticket in cancels {
                abort(ticket)
            }
            if let deadline, ContinuousClock.now >= deadline {
                abortAll()
            }
            startWaiting()
            if deadline != nil, active.isEmpty, waiting.isEmpty {
                break
            }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            if collectFinished(), !waiting.isEmpty {
                continue
            }
            // Wait only with nothing handed over meanwhile; from here on a submit wakes the
            // poll (a wake-up sent before it starts makes it return at once).
            let idle = lock.withLock {
                polling = inbox.isEmpty && cancelled.isEmpty && self.deadline == deadline
                wakeSent = false
                return polling
            }
            if idle {
                _ = curl_multi_poll(multi, nil, 0, pollTimeout(until: deadline), nil)
                lock.withLock { polling = false }
            }
        }
        finishThread()
    }

    /// Moves waiting jobs into the multi handle up to the concurrency limit.
    private func startWaiting() {
        while active.count < max(1, configuration.maxConcurrentTransfers), let job = waiting.popFirst() {
            let handle = job.transfer.handle
            let result = curl_multi_add_handle(multi, handle)
            guard result == CURLM_OK else {
                let detail = String(cString: curl_multi_strerror(result))
                job.continuation.resume(
                    throwing: CurlError(code: .failedInit, detail: detail, url: job.transfer.url))
                continue
            }
            active[handle] = job
        }
    }

    /// Resumes the tasks whose transfers libcurl reports done; true if there were any.
    private func collectFinished() -> Bool {
        var finishedAny = false
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            // Read the message before remove_handle, which invalidates it.
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else {
                continue
            }
            let result = message.pointee.data.result
            guard let job = active.removeValue(forKey: handle) else { continue }
            let outcome = job.transfer.finish(result)
            _ = curl_multi_remove_handle(multi, handle)
            job.continuation.resume(with: outcome.mapError { $0 as any Error })
            finishedAny = true
        }
        return finishedAny
    }

    /// Ends the job of a cancelled task, waiting or running, with `CancellationError`.
    private func abort(_ ticket: CurlTicket) {
        if let job = waiting.remove(where: { $0.ticket === ticket }) {
            job.continuation.resume(throwing: CancellationError())
        } else if let (handle, job) = active.first(where: { $0.value.ticket === ticket }) {
            active.removeValue(forKey: handle)
            _ = curl_multi_remove_handle(multi, handle)
            job.continuation.resume(throwing: CancellationError())
        }
    }

    /// The grace period is over: ends every remaining job with a shutdown error.
    private func abortAll() {
        for (handle, job) in active {
            _ = curl_multi_remove_handle(multi, handle)
            job.continuation.resume(throwing: CurlError.shutDown(url: job.transfer.url))
        }
        active.removeAll()
        while let job = waiting.popFirst() {
            job.continuation.resume(throwing: CurlError.shutDown(url: job.transfer.url))
        }
    }

    /// At most a second, and no later than the shutdown deadline; libcurl shortens it
    /// further for its own timers.
    private func pollTimeout(until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return 1000 }
        let left = (deadline - ContinuousClock.now).curlMilliseconds
        return Int32(min(1000, left))
    }

    /// Marks the engine stopped, frees the multi handle and wakes `shutdown` callers.
    private func finishThread() {
        let waiters = lock.withLock {
            stopped = true
            defer { exitWaiters.removeAll() }
            return exitWaiters
        }
        curl_multi_cleanup(multi)
        for waiter in waiters {
            waiter.resume()
        }
    }
}
