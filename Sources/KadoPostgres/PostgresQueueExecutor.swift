import Dispatch

/// A serial executor that runs every job on one private `DispatchQueue`.
///
/// `PostgresConnection` uses it as its actor executor so that every libpq call (all of which
/// block on network I/O) happens on a thread owned by Dispatch, never on Swift's cooperative
/// thread pool, and so that one `PGconn` is only ever used by one thread at a time.
final class PostgresQueueExecutor: SerialExecutor {
    /// The queue every job of the connection runs on.
    let queue: DispatchQueue
    /// Set on `queue` only, so code can tell whether it runs there.
    private let marker = DispatchSpecificKey<Bool>()

    init(label: String) {
        self.queue = DispatchQueue(label: label, qos: .default)
        self.queue.setSpecific(key: self.marker, value: true)
    }

    /// Whether the caller runs on this executor's queue.
    var isCurrent: Bool {
        DispatchQueue.getSpecific(key: self.marker) ?? false
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let executor = self.asUnownedSerialExecutor()
        self.queue.async {
            unownedJob.runSynchronously(on: executor)
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(self.queue))
    }
}
