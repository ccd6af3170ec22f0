import CCurl
import Foundation

/// The transfer loop behind ``CurlClient``: one libcurl multi handle driven by one
/// dedicated thread (`curl_multi_perform` / `curl_multi_info_read` /
/// `curl_multi_poll`), so no blocking libcurl call ever runs on Swift's cooperative
/// pool. Other threads hand work over through a ``CurlInbox``, which wakes the loop with
/// `curl_multi_wakeup` only when it waits.
///
/// `@unchecked Sendable`: the shared state is the inbox's and the handle pool's (each
/// locked). The fields under "engine thread" (and the multi handle, except for the inbox's
/// `curl_multi_wakeup`, documented as callable from any thread and never called after
/// ``CurlInbox/finish()``, which precedes `curl_multi_cleanup`) are only touched by the
/// engine thread.
final class CurlEngine: CurlInboxEngine, @unchecked Sendable {
    /// A submitted transfer and the task waiting for it.
    struct Job: CurlInboxJob {
        let transfer: CurlTransfer
        let ticket: CurlTicket
        let continuation: CheckedContinuation<CurlTransferOutcome, any Error>

        var shutDownFailure: @Sendable () -> Void {
            { [continuation, url = transfer.url] in
                continuation.resume(throwing: CurlError.shutDown(url: url))
            }
        }

        func resumeCancelled() { continuation.resume(throwing: CancellationError()) }
    }

    let configuration: CurlClient.Configuration
    private let multi: UnsafeMutableRawPointer
    let inbox: CurlInbox<Job>
    /// Easy handles of finished transfers, for the next ones (as many as can run at once).
    let handles: CurlHandlePool

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
        inbox = CurlInbox { curl_multi_wakeup(multi) }
        let limit = max(1, configuration.maxConcurrentTransfers)
        handles = CurlHandlePool(capacity: limit)
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

    // MARK: Engine thread

    private func run() {
        while true {
            var turn = inbox.take()
            let deadline = turn.deadline
            waiting.admit(turn.jobs)
            // Only `waiting` and `active` hold a job from here: one that finishes in this
            // turn is released when it finishes (``finish(_:_:)``).
            turn.jobs.removeAll()
            for ticket in turn.cancelled {
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
            // Wait only with nothing handed over meanwhile.
            if inbox.beginWait(sawDeadline: deadline) {
                _ = curl_multi_poll(multi, nil, 0, pollTimeout(until: deadline), nil)
                inbox.endWait()
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
            guard let (continuation, outcome) = finish(handle, result) else { continue }
            continuation.resume(with: outcome.mapError { $0 as any Error })
            finishedAny = true
        }
        return finishedAny
    }

    /// Reads the outcome of a finished transfer and takes its handle out of the multi
    /// handle. The job is released on return, before its task resumes, so the easy handle
    /// is back in ``handles`` for the next request that task makes.
    private func finish(_ handle: UnsafeMutableRawPointer, _ result: CURLcode) -> (
        CheckedContinuation<CurlTransferOutcome, any Error>, Result<CurlTransferOutcome, CurlError>
    )? {
        guard let job = active.removeValue(forKey: handle) else { return nil }
        let outcome = job.transfer.finish(result)
        _ = curl_multi_remove_handle(multi, handle)
        return (job.continuation, outcome)
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
        let waiters = inbox.finish()
        curl_multi_cleanup(multi)
        for waiter in waiters {
            waiter.resume()
        }
    }
}
