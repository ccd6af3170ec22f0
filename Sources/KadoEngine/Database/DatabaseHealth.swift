import Foundation
import Logging
import Synchronization

/// Whether the database is reachable, as every ``Database`` of a process sees it:
/// the loss is logged once, and so is the recovery, however many connections notice.
/// Also the backoff for reconnect attempts.
package final class DatabaseHealth: Sendable {
    private struct State {
        var downSince: ContinuousClock.Instant?
        var recoveries = 0
    }

    private let state = Mutex(State())
    private let logger: Logger
    /// Shortest wait before reconnecting (the first ones).
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
            }
            return s.downSince.map { .now - $0 }
        }
        if let downtime {
            logger.notice(
                "database connection restored",
                metadata: ["down_seconds": .stringConvertible(downtime.inSeconds)])
        }
    }

    /// How long to wait before the next reconnect attempt: see ``backoff(away:initial:maximum:)``.
    package var backoff: Duration { backoff(at: .now) }

    /// The wait before the next reconnect attempt at `now`.
    func backoff(at now: ContinuousClock.Instant) -> Duration {
        let away = state.withLock { $0.downSince.map { now - $0 } } ?? .zero
        return Self.backoff(away: away, initial: initialBackoff, maximum: maximumBackoff)
    }

    /// A quarter of the time the database has been away so far, at least `initial` and at
    /// most `maximum`. Waits grow with the outage, not with a count of failures: every
    /// connection of the process that notices the loss reports it, so such a count grows
    /// faster than the attempts and the wait could double well past the moment the
    /// database came back. So work resumes within about a quarter of the outage after the
    /// database is back (a failover of a few seconds: within `initial` to 1 s), and a long
    /// outage is tried once per `maximum`.
    static func backoff(away: Duration, initial: Duration, maximum: Duration) -> Duration {
        min(max(away / 4, initial), maximum)
    }
}
