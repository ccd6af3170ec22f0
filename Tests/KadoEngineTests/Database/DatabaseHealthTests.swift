import KadoPostgres
import Logging
import Testing

@testable import KadoEngine

@Suite("DatabaseHealth: how long services wait between reconnect attempts")
struct DatabaseHealthTests {
    /// The losses below are made up: nothing to log.
    let quiet = Logger(label: "test.health", factory: { _ in SwiftLogNoOpLogHandler() })
    let loss = DatabaseUnavailable(
        PostgresError(kind: .connection, message: "connection to server at \"127.0.0.1\", port 1 failed"))

    @Test("the wait is a quarter of the outage so far, from 0.5 s up to 30 s")
    func waitGrowsWithTheOutage() {
        let cases: [(away: Duration, wait: Duration)] = [
            (.zero, .milliseconds(500)), (.seconds(1), .milliseconds(500)), (.seconds(2), .milliseconds(500)),
            (.seconds(4), .seconds(1)), (.seconds(10), .milliseconds(2500)), (.seconds(60), .seconds(15)),
            (.seconds(120), .seconds(30)), (.seconds(3600), .seconds(30)),
        ]
        for (away, wait) in cases {
            #expect(
                DatabaseHealth.backoff(away: away, initial: .milliseconds(500), maximum: .seconds(30))
                    == wait,
                "away \(away)")
        }
    }

    @Test("however many connections report the loss, the wait depends only on how long it lasts")
    func manyConnectionsDoNotLengthenTheWait() {
        let health = DatabaseHealth(logger: quiet)
        let start = ContinuousClock.now
        for _ in 0..<12 { health.lost(loss) }
        #expect(health.isDown)
        // The loss was noted at or after `start`: three seconds on, at most 0.75 s.
        let wait = health.backoff(at: start + .seconds(3))
        #expect(wait >= .milliseconds(500) && wait <= .milliseconds(750))
        #expect(health.backoff(at: start + .seconds(400)) == .seconds(30))
    }

    @Test("once the database is back, the next outage starts again from the shortest wait")
    func recoveryResetsTheWait() {
        let health = DatabaseHealth(logger: quiet)
        health.lost(loss)
        health.reachable()
        #expect(!health.isDown)
        #expect(health.recoveries == 1)
        let later = ContinuousClock.now + .seconds(600)
        #expect(health.backoff(at: later) == .milliseconds(500))
        health.lost(loss)
        #expect(health.backoff(at: .now) == .milliseconds(500))
    }
}
