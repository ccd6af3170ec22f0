import Foundation
import KadoPostgres
import KadoTestSupport
import Logging
import ServiceLifecycle
import Testing

@testable import KadoEngine

@Suite(
    "Outbox listener: NOTIFY kado_outbox wakes an idle dispatcher instead of a poll",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct OutboxListenerTests {
    /// Polls `condition` every 50 ms until it holds or `seconds` pass; returns whether it held.
    func eventually(within seconds: Int, _ condition: @Sendable () async throws -> Bool) async throws -> Bool
    {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Whether the dispatcher ended its pass and sleeps: its claims connection is idle after
    /// the "when is the next row due" query, which only follows a finished drain.
    func asleep(_ f: DeliveryFixture) async throws -> Bool {
        try await f.count(
            """
            SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'
               AND query LIKE 'SELECT extract(epoch FROM least(%'
            """) == 1
    }

    @Test(
        "rows issued by another connection are sent at once, though the dispatcher polls only every 10 minutes"
    )
    func issuingWakesTheDispatcher() async throws {
        let f = try await DeliveryFixture.make(users: 6)
        let database = PostgresConfiguration(url: f.db.url)
        let daemon = Daemon(
            holder: try ConfigHolder(
                configuration: f.configuration, load: { .init(configuration: nil, diagnostics: []) }),
            database: database, transport: f.transport,
            options: .init(dispatch: .init(concurrency: 2), pollInterval: .seconds(600)))
        let issued = Signal()
        let status = OutboxListener.Status()
        var dispatcher = daemon.services(issued: issued).dispatcher
        dispatcher.listening = (status, .seconds(600))
        let listener = OutboxListener(
            configuration: database, issued: issued, status: status, health: daemon.health,
            clock: SystemClock())
        let group = ServiceGroup(
            configuration: .init(services: [dispatcher, listener], logger: Logger(label: "test.listener")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(try await eventually(within: 20) { status.isListening })
            // The dispatcher's pass found nothing; it now sleeps for the poll interval.
            #expect(try await eventually(within: 20) { try await asleep(f) })
            let result = try await f.issue()
            #expect(result.notificationTotal == 12)
            let sent = try await eventually(within: 20) {
                try await f.count("SELECT count(*) FROM notifications WHERE status = 'sent'") == 12
            }
            #expect(sent, "woken by NOTIFY, not by the 10-minute poll")
            #expect(try await eventually(within: 20) { try await asleep(f) })
            // `kado outbox retry` notifies too.
            try await f.connection.perform { c in
                _ = try c.query("UPDATE notifications SET status = 'dead' WHERE channel = 'email'")
            }
            let filter = OutboxFilter(statuses: [.dead])
            let requeued = try await f.connection.perform { c in
                try OutboxStore().retry(filter, connection: c)
            }
            #expect(requeued == 6)
            #expect(
                try await eventually(within: 20) {
                    try await f.count("SELECT count(*) FROM notifications WHERE status = 'sent'") == 12
                })
            #expect(f.email.calls.count == 12)
            await group.triggerGracefulShutdown()
            while try await tasks.next() != nil {}
        }
        #expect(!status.isListening)
    }
}
