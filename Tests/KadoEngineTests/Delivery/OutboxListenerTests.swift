import Foundation
import KadoPostgres
import KadoTestSupport
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import KadoEngine

@Suite(
    "Outbox listener: NOTIFY kado_outbox wakes an idle dispatcher instead of a poll",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct OutboxListenerTests {
    /// A daemon on the fixture's database sending with 2 workers, polling every `pollInterval`,
    /// and its dispatcher, which polls only every 10 minutes while `status` says a listener
    /// receives notifications on `issued`.
    func listeningDaemon(_ f: DeliveryFixture, pollInterval: Duration) throws -> (
        daemon: Daemon, issued: Signal, status: OutboxListener.Status, dispatcher: DispatcherService
    ) {
        let daemon = Daemon(
            holder: try ConfigHolder(
                configuration: f.configuration, load: { .init(configuration: nil, diagnostics: []) }),
            database: PostgresConfiguration(url: f.db.url), transport: f.transport,
            options: .init(dispatch: .init(concurrency: 2), pollInterval: pollInterval))
        let issued = Signal()
        let status = OutboxListener.Status()
        var dispatcher = daemon.services(issued: issued).dispatcher
        dispatcher.listening = (status, .seconds(600))
        return (daemon, issued, status, dispatcher)
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
        let (daemon, issued, status, dispatcher) = try listeningDaemon(f, pollInterval: .seconds(600))
        let database = daemon.database
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

    @Test(
        "a LISTEN cut short by a shutdown (57P01) or sent to a standby (25006) is tried again on a new connection"
    )
    func listenCutShortIsRetried() async throws {
        let f = try await DeliveryFixture.make(users: 1)
        let attempts = Mutex(0)
        let status = OutboxListener.Status()
        let listener = OutboxListener(
            configuration: PostgresConfiguration(url: f.db.url), issued: Signal(), status: status,
            health: DatabaseHealth(logger: Logger(label: "test.listener")), clock: SystemClock(),
            logger: Logger(label: "test.listener"),
            subscribe: { c in
                let attempt = attempts.withLock { count in
                    count += 1
                    return count
                }
                switch attempt {
                case 1:
                    // The server ends the connection while it subscribes (57P01, a shutdown).
                    _ = try c.query("SELECT pg_terminate_backend(pg_backend_pid())")
                case 2:
                    // What a standby answers to LISTEN (25006) on a connection made during a failover.
                    try c.execute(
                        """
                        DO $$ BEGIN RAISE EXCEPTION 'cannot execute LISTEN during recovery'
                          USING ERRCODE = 'read_only_sql_transaction'; END $$
                        """)
                default: break
                }
                try OutboxStore().listen(connection: c)
            })
        let group = ServiceGroup(
            configuration: .init(
                services: [listener.serviceConfiguration], logger: Logger(label: "test.listener")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(try await eventually(within: 20) { status.isListening })
            #expect(attempts.withLock { $0 } == 3)
            let listening = try await f.count(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN \(OutboxStore.notifyChannel)'"
            )
            #expect(listening == 1, "the third connection listens")
            await group.triggerGracefulShutdown()
            while try await tasks.next() != nil {}
        }
    }

    @Test("a LISTEN the server refuses stops the listener only: the daemon goes on and polls")
    func refusedListenLeavesTheDaemonRunning() async throws {
        let f = try await DeliveryFixture.make(users: 6)
        let (daemon, issued, status, dispatcher) = try listeningDaemon(f, pollInterval: .seconds(1))
        let database = daemon.database
        let refusals = Mutex(0)
        let listener = OutboxListener(
            configuration: database, issued: issued, status: status, health: daemon.health,
            clock: SystemClock(), logger: Logger(label: "test.listener"),
            subscribe: { c in
                refusals.withLock { $0 += 1 }
                // A server error that is not a lost connection, as from a pooler that refuses LISTEN.
                _ = try c.query("SELECT 1 / 0")
            })
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: dispatcher), listener.serviceConfiguration],
                logger: Logger(label: "test.listener")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(try await eventually(within: 20) { refusals.withLock { $0 } == 1 })
            let result = try await f.issue()
            #expect(result.notificationTotal == 12)
            let sent = try await eventually(within: 20) {
                try await f.count("SELECT count(*) FROM notifications WHERE status = 'sent'") == 12
            }
            #expect(sent, "sent by the dispatcher's 1-second poll after the listener stopped")
            #expect(!status.isListening)
            #expect(refusals.withLock { $0 } == 1, "a refusal is not retried")
            await group.triggerGracefulShutdown()
            while try await tasks.next() != nil {}
        }
    }
}
