import Foundation
import KadoPostgres
import KadoTestSupport
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import KadoEngine

@Suite(
    "Daemon: scheduler and dispatcher as one service group",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct DaemonTests {
    /// A daemon on the fixture's database whose clock reads 01:00 in Jakarta on the
    /// fixture's date (its 00:01 birthday trigger has passed).
    func daemon(
        _ f: DeliveryFixture,
        load: @escaping @Sendable () -> ConfigLoader.Result = { .init(configuration: nil, diagnostics: []) }
    )
        throws -> Daemon
    {
        let start = f.tenant.config.clock.instant(of: f.date, at: LocalTime(hour: 1, minute: 0))
        return Daemon(
            holder: try ConfigHolder(configuration: f.configuration, load: load),
            database: PostgresConfiguration(url: f.db.url), transport: f.transport,
            options: .init(dispatch: .init(concurrency: 4, batchSize: 20), pollInterval: .milliseconds(200)),
            clock: SystemClock(startingAt: start))
    }

    /// Runs the daemon's services until `done` holds (checked every 50 ms, at most 30 s), then shuts
    /// the group down gracefully and returns whether `done` held.
    func run(_ daemon: Daemon, until done: @escaping @Sendable () async throws -> Bool) async throws -> Bool {
        let (scheduler, dispatcher, _) = daemon.services()
        let group = ServiceGroup(
            configuration: .init(services: [scheduler, dispatcher], logger: Logger(label: "test.daemon")))
        return try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                try await group.run()
                return false
            }
            let deadline = ContinuousClock.now + .seconds(30)
            var held = false
            while ContinuousClock.now < deadline {
                if try await done() {
                    held = true
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            await group.triggerGracefulShutdown()
            while try await tasks.next() != nil {}
            return held
        }
    }

    @Test("the daemon fires the due rule, sends every message, and stops gracefully")
    func firesAndSends() async throws {
        let f = try await DeliveryFixture.make(users: 12)
        let finished = try await run(try daemon(f)) {
            try await f.count("SELECT count(*) FROM notifications WHERE status = 'sent'") == 24
        }
        #expect(finished)
        #expect(try await f.count("SELECT count(*) FROM promos") == 1)
        #expect(f.email.calls.count == 12 && f.whatsapp.calls.count == 12)
    }

    @Test("the database connections are cut under the running daemon: it reconnects and loses nothing")
    func survivesLostConnections() async throws {
        let f = try await DeliveryFixture.make(users: 40)
        // Sends take a moment each, so connections are cut while work is in flight.
        f.email.setDelay(.milliseconds(10))
        let cuts = Cuts()
        let finished = try await run(try daemon(f)) {
            let sent = try await f.count("SELECT count(*) FROM notifications WHERE status = 'sent'")
            if sent > 0, await cuts.count < 3 {
                // Every backend of this database but the test's own: a server restart as the daemon sees it.
                _ = try await f.count(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                await cuts.add()
            }
            return sent == 80
        }
        #expect(finished)
        #expect(await cuts.count == 3)
        #expect(try await f.count("SELECT count(*) FROM promos") == 1)
        #expect(try await f.count("SELECT count(*) FROM notifications WHERE status <> 'sent'") == 0)
        // Nothing lost; what was delivered but not recorded when a connection broke is the only
        // thing sent again (at most the sends in flight).
        #expect(f.email.calls.count >= 40 && f.email.calls.count <= 40 + 4 * 3)
    }

    @Test(
        "a pass that fails with a server error (tables renamed away: 42P01) is logged and tried again; the daemon runs on"
    )
    func survivesFailingPasses() async throws {
        let f = try await DeliveryFixture.make(users: 12)
        try await f.connection.perform { c in
            try c.execute("ALTER TABLE kado_runs RENAME TO kado_runs_away")
            try c.execute("ALTER TABLE notifications RENAME TO notifications_away")
        }
        let lines = CapturedLines()
        var (scheduler, dispatcher, _) = try daemon(f).services()
        scheduler.logger = lines.logger(.text)
        dispatcher.logger = lines.logger(.text)
        let group = ServiceGroup(
            configuration: .init(services: [scheduler, dispatcher], logger: Logger(label: "test.daemon")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            @Sendable func failed(_ pass: String) -> Bool {
                lines.all.contains {
                    $0.contains("\(pass) pass failed; the daemon goes on") && $0.contains("42P01")
                }
            }
            let bothFailed = try await eventually(within: 20) { failed("scheduler") && failed("dispatch") }
            #expect(bothFailed, "\(lines.all)")
            try await f.connection.perform { c in
                try c.execute("ALTER TABLE kado_runs_away RENAME TO kado_runs")
                try c.execute("ALTER TABLE notifications_away RENAME TO notifications")
            }
            // The next passes (at most 2 s later) find the tables: the due rule fires and everything is sent.
            let sent = try await eventually(within: 30) {
                try await f.count("SELECT count(*) FROM notifications WHERE status = 'sent'") == 24
            }
            #expect(sent)
            await group.triggerGracefulShutdown()
            while try await tasks.next() != nil {}
        }
        #expect(try await f.count("SELECT count(*) FROM promos") == 1)
        #expect(f.email.calls.count == 12 && f.whatsapp.calls.count == 12)
    }

    @Test(
        "reload: a valid configuration replaces the running one, an invalid one is rejected and the last good kept"
    )
    func reload() async throws {
        let f = try await DeliveryFixture.make(users: 1)
        var next = f.configuration
        next.tenants.removeAll { $0.config.id == "lunaria" }
        let good = next
        let answers = Answers([
            .init(configuration: good, diagnostics: []),
            .init(
                configuration: nil,
                diagnostics: [Diagnostic(at: .init(file: "rules/x.yaml", line: 3, column: 7), "broken")]),
        ])
        let holder = try ConfigHolder(configuration: f.configuration, load: { answers.next() })
        let seen = holder.reloaded.generation
        guard case .reloaded(let snapshot) = holder.reload() else {
            Issue.record("expected the valid configuration to be loaded")
            return
        }
        #expect(snapshot.generation == 1 && snapshot.configuration.tenants.count == 1)
        #expect(holder.reloaded.generation == seen + 1)
        guard case .rejected(let errors) = holder.reload() else {
            Issue.record("expected the invalid configuration to be rejected")
            return
        }
        #expect(errors.map(\.description) == ["rules/x.yaml:3:7: error: broken"])
        #expect(holder.current.generation == 1 && holder.current.configuration.tenants.count == 1)
    }
}

/// How many times the test cut the connections.
private actor Cuts {
    var count = 0
    func add() { count += 1 }
}

/// Load results handed out in order.
private final class Answers: Sendable {
    private let results: Mutex<[ConfigLoader.Result]>
    init(_ results: [ConfigLoader.Result]) { self.results = Mutex(results) }
    func next() -> ConfigLoader.Result {
        results.withLock { $0.isEmpty ? .init(configuration: nil, diagnostics: []) : $0.removeFirst() }
    }
}
