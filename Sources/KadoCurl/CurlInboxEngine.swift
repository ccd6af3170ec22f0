/// A job an engine thread takes from a ``CurlInbox``: it can be failed without the engine,
/// when shutdown has begun before it was queued.
protocol CurlInboxJob {
    /// What fails this job with ``CurlError/shutDown(url:)``, taken before the job is handed over.
    var shutDownFailure: @Sendable () -> Void { get }
    /// The job's cancellation flag, set by the waiting task's cancellation.
    var ticket: CurlTicket { get }
    /// Ends the waiting task with `CancellationError`.
    func resumeCancelled()
}

extension CurlJobQueue where Job: CurlInboxJob {
    /// Queues the jobs an engine took from its inbox, in order; one whose task was cancelled
    /// before the engine saw it ends at once.
    mutating func admit(_ jobs: [Job]) {
        for job in jobs {
            if job.ticket.isCancelled {
                job.resumeCancelled()
            } else {
                append(job)
            }
        }
    }
}

/// An engine with one thread fed through a ``CurlInbox`` (``CurlEngine``, ``SMTPEngine``):
/// what any thread may ask of it, written once for both.
protocol CurlInboxEngine: AnyObject, Sendable {
    associatedtype Job: CurlInboxJob
    var inbox: CurlInbox<Job> { get }
}

extension CurlInboxEngine {
    /// Queues a job for the engine thread, or fails it at once after shutdown began.
    func submit(_ job: sending Job) {
        let fail = job.shutDownFailure
        if !inbox.submit(job) { fail() }
    }

    /// Hands the engine thread the job `makeJob` builds for a fresh ticket and the calling
    /// task's continuation, and waits for the thread to resume it; cancelling the task
    /// cancels the job. `submitted` runs once the job is queued (or failed by a shutdown).
    /// An error thrown by `makeJob` (an invalid request) is thrown here; nothing is queued.
    func run<Result>(
        _ makeJob: (CurlTicket, CheckedContinuation<Result, any Error>) throws -> sending Job,
        submitted: () -> Void = {}
    ) async throws -> Result {
        let ticket = CurlTicket()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let job: Job
                do {
                    job = try makeJob(ticket, continuation)
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                submit(job)
                submitted()
            }
        } onCancel: {
            cancel(ticket)
        }
    }

    /// Cancels the job of `ticket` if it is still waiting or running.
    func cancel(_ ticket: CurlTicket) {
        inbox.cancel(ticket)
    }

    /// Stops accepting work; what still runs at `now + gracePeriod` is aborted. A later
    /// call can only bring the deadline forward.
    func requestShutdown(gracePeriod: Duration) {
        inbox.requestShutdown(gracePeriod: gracePeriod)
    }

    /// Waits until the engine thread has finished every job and exited.
    func waitUntilStopped() async {
        await inbox.waitUntilStopped()
    }
}
