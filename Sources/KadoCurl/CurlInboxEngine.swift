/// A job an engine thread takes from a ``CurlInbox``: it can be failed without the engine,
/// when shutdown has begun before it was queued.
protocol CurlInboxJob {
    /// What fails this job with ``CurlError/shutDown(url:)``, taken before the job is handed over.
    var shutDownFailure: @Sendable () -> Void { get }
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
