import KadoPostgres
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Outbox list: each tenant's newest rows through the primary key", .tags(.database),
    .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct OutboxListTests {
    /// sayakaya's 60 messages, renumbered 100010, 100020, ... 100600, and a copy of every third
    /// one for lunaria numbered one above its original (100031, ... 100601): the two tenants'
    /// ids interleave.
    static func twoTenants() async throws -> DeliveryFixture {
        let f = try await DeliveryFixture.make(users: 30)
        try await f.issue()
        try await f.connection.perform { c in
            try c.execute(
                """
                CREATE TEMP TABLE p AS SELECT * FROM promos;
                UPDATE p SET tenant_id = 'lunaria', id = id + 1000;
                INSERT INTO promos SELECT * FROM p;
                UPDATE notifications SET id = 100000 + id * 10;
                CREATE TEMP TABLE m AS SELECT * FROM notifications WHERE id % 30 = 0;
                UPDATE m SET tenant_id = 'lunaria', promo_id = promo_id + 1000, id = id + 1;
                INSERT INTO notifications SELECT * FROM m;
                UPDATE notifications SET status = 'sent' WHERE id % 70 IN (0, 1);
                """)
        }
        return f
    }

    /// What the list should show: the same rows read the plain way, newest first.
    static func expected(_ f: DeliveryFixture, _ condition: String, limit: Int) async throws -> [String] {
        try await f.connection.perform { c in
            try c.query(
                "SELECT tenant_id || '/' || id FROM notifications WHERE \(condition) ORDER BY id DESC LIMIT \(limit)"
            ).map { try $0.decode(String.self, at: 0) }
        }
    }

    static func listed(_ f: DeliveryFixture, _ filter: OutboxFilter, limit: Int) async throws -> [String] {
        try await f.connection.perform { c in
            try OutboxStore().list(filter, limit: limit, connection: c).map { "\($0.tenantID)/\($0.id)" }
        }
    }

    @Test("newest first across tenants, at most the limit, with the tenant and status filters")
    func acrossTenants() async throws {
        let f = try await Self.twoTenants()
        let newest = try await Self.listed(f, OutboxFilter(), limit: 7)
        #expect(newest == (try await Self.expected(f, "true", limit: 7)))
        #expect(Set(newest.map { $0.prefix { $0 != "/" } }) == ["sayakaya", "lunaria"])
        #expect(
            try await Self.listed(f, OutboxFilter(tenant: "lunaria"), limit: 5)
                == (try await Self.expected(f, "tenant_id = 'lunaria'", limit: 5)))
        let sent = try await Self.listed(f, OutboxFilter(statuses: [.sent]), limit: 100)
        #expect(sent == (try await Self.expected(f, "status = 'sent'", limit: 100)))
        #expect(sent.contains { $0.hasPrefix("lunaria/") } && sent.contains { $0.hasPrefix("sayakaya/") })
        #expect(try await Self.listed(f, OutboxFilter(tenant: "nobody"), limit: 5).isEmpty)
        #expect(
            try await Self.listed(f, OutboxFilter(tenant: "sayakaya", channel: "whatsapp"), limit: 4)
                == (try await Self.expected(f, "tenant_id = 'sayakaya' AND channel = 'whatsapp'", limit: 4)))
    }
}
