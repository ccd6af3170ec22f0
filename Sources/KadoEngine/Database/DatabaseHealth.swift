import Foundation
import Logging
import Synchronization

/// Whether the database is reachable, as every ``Database`` of a process sees it:
/// the loss is logged once, and so is the recovery, however many connections notice.
/// Also the backoff for reconnect attempts.
package final class DatabaseHealth: Sendable {
    private struct State {
        var downSince: ContinuousClock.Instant?
        var failures = 0
        var recoveries = 0
    }

    private let state = Mutex(State())
    private let logger: Logger
    /// First wait before reconnecting; doubles per failed attempt.
    package let initialBackoff: Duration
    /// Longest wait between reconnect attempts.
    package let maximumBackoff: Duration

    package init(
        logger: Logger = Logger(label: "kado.database"), initialBackoff: Duration = .milliseconds(500),
        maximumBackoff: Duration = .seconds(30)
    ) {
        self.logger = logger
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// Whether the database is known to be away.
    package var isDown: Bool { state.withLock { $0.downSince != nil } }

    /// How many times the database came back after an outage.
    package var recoveries: Int { state.withLock { $0.recoveries } }

    /// A statement or connection failed for want of the database.
    func lost(_ error: DatabaseUnavailable) {
        let first = state.withLock { s -> Bool in
            s.failures += 1
            if s.downSince == nil {
                s.downSince = .now
                return true
            }
            return false
        }
        if first {
            logger.error(
                "database connection lost; reconnecting with backoff",
                metadata: ["reason": "\(error.underlying.message)"])
        }
    }

    /// A connection works (again).
    func reachable() {
        let downtime = state.withLock { s -> Duration? in
            defer {
                if s.downSince != nil { s.recoveries += 1 }
                s.downSince = nil
                s.failures = 0
            }
            return s.downSince.map { .now - $0 }
        }
        if let downtime {
            logger.notice(
                "database connection restored",
                metadata: ["down_seconds": .stringConvertible(downtime.inSeconds)])
        }
    }

    /// How long to wait before the next reconnect attempt.
    package var backoff: Duration {
        let failures = state.withLock { $0.failures }
        let exponent = min(max(failures - 1, 0), 16)
        return min(initialBackoff * (1 << exponent), maximumBackoff)
    }
}
