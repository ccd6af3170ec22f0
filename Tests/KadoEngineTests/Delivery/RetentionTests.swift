import Foundation
import KadoPostgres
import KadoTestSupport
import Synchronization
import Testing

@testable import KadoEngine

@Suite(
    "Outbox retention", .tags(.database),
    .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct RetentionTests {
    @Test("prune deletes old finished rows in batches, never waiting ones, and keeps promos and runs")
    func prune() async throws {
        let f = try await DeliveryFixture.make(users: 30)
        try await f.issue()
        _ = try await f.dispatcher().drain()
        // 60 sent; make 40 of them old, and turn 10 of the old ones back into waiting rows.
        try await f.connection.perform { c in
            try c.execute(
                """
                UPDATE notifications SET updated_at = now() - interval '40 days' WHERE id IN (SELECT id FROM notifications ORDER BY id LIMIT 40);
                UPDATE notifications SET status = 'pending' WHERE id IN (SELECT id FROM notifications ORDER BY id LIMIT 5);
                UPDATE notifications SET status = 'failed' WHERE id IN (SELECT id FROM notifications ORDER BY id OFFSET 5 LIMIT 5);
                """)
        }
        let batches = Batches()
        let deleted = try await OutboxPruner(days: 30, batch: 7).run(database: f.db.database()) { total in
            batches.add(total)
        }
        #expect(deleted == 30)
        #expect(batches.totals == [7, 14, 21, 28, 30])
        #expect(try await f.statuses() == ["sent": 20, "pending": 5, "failed": 5])
        #expect(try await f.count("SELECT count(*) FROM promos") == 1)
        #expect(try await f.count("SELECT count(*) FROM kado_runs") == 1)
        #expect(try await OutboxPruner(days: 30).run(database: f.db.database()) == 0)
    }
}

private final class Batches: Sendable {
    private let state = Mutex<[Int]>([])
    func add(_ total: Int) { state.withLock { $0.append(total) } }
    var totals: [Int] { state.withLock { $0 } }
}
