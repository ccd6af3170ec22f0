import Logging

/// How a daemon service waits after a pass that failed for a reason other than a lost
/// database (which ``DatabaseHealth`` waits out): an error the server answered with, such
/// as a missing table during a botched migration (42P01), a full disk (53100) or a
/// deadlock (40P01). The service logs it and tries again after 1 s, doubling with each
/// failure in a row up to a minute; the daemon keeps running and the other services go on.
struct PassFailures {
    private(set) var inARow = 0

    /// Records a failure of `pass` ("dispatch pass"), logs it (the error's `description`,
    /// safe to log, and when it is tried again) and returns how long to wait.
    mutating func failed(_ error: any Error, pass: String, logger: Logger) -> Duration {
        inARow += 1
        let wait = Duration.seconds(min(60, 1 << min(inARow - 1, 6)))
        logger.error(
            "\(pass) failed; the daemon goes on and tries again",
            metadata: [
                "reason": "\(error)", "retry_seconds": .stringConvertible(wait.inSeconds),
                "failures_in_a_row": .stringConvertible(inARow),
            ])
        return wait
    }

    /// A pass went through.
    mutating func reset() { inARow = 0 }
}
