import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "kado demo-data: SayaKaya's customers in WIB, WITA and WIT, told at 09:00 on their own clock",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct DemoDataZoneTests {
    /// A fresh database holding `demo`'s users.
    static func load(_ demo: DemoData) async throws -> PostgresConnection {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        for ids in demo.chunks(size: 700) {
            try await c.perform { c in try demo.insert(ids, connection: c) }
        }
        try await c.perform { c in try demo.finish(connection: c) }
        return c
    }

    /// Users by zone ("-": none), of all and of those born on the demo date.
    static func zones(_ c: PostgresConnection, date: LocalDate) async throws -> (
        all: [String: Int], born: [String: Int]
    ) {
        try await c.perform { c in
            var all: [String: Int] = [:]
            var born: [String: Int] = [:]
            for row in try c.query(
                """
                SELECT coalesce(timezone, '-'), count(*)::int,
                       count(*) FILTER (WHERE to_char(birthday, 'MM-DD') = to_char($1::date, 'MM-DD'))::int
                  FROM users GROUP BY 1
                """, [date.description])
            {
                let (zone, count, today) = try row.decode((String, Int, Int).self)
                all[zone] = count
                born[zone] = today
            }
            return (all, born)
        }
    }

    @Test(
        "most in Asia/Jakarta, some in Asia/Makassar and Asia/Jayapura, a few without a zone, among those born today too; the same users every run"
    )
    func spread() async throws {
        let date = LocalDate(year: 2027, month: 3, day: 28)
        let demo = DemoData(
            tenant: ShippedConfig.sayakaya.0, users: 2000, birthdayEvery: 25, birthdayOn: date)
        let first = try await Self.load(demo)
        let second = try await Self.load(demo)
        let (all, born) = try await Self.zones(first, date: date)
        #expect(all.keys.sorted() == ["-", "Asia/Jakarta", "Asia/Jayapura", "Asia/Makassar"])
        #expect(all.values.reduce(0, +) == 2000)
        #expect((1200...1400).contains(all["Asia/Jakarta"] ?? 0), "\(all)")
        #expect((300...500).contains(all["Asia/Makassar"] ?? 0), "\(all)")
        #expect((120...280).contains(all["Asia/Jayapura"] ?? 0), "\(all)")
        #expect((40...160).contains(all["-"] ?? 0), "\(all)")
        #expect(born.keys.sorted() == all.keys.sorted() && born.values.allSatisfy { $0 > 0 }, "\(born)")

        let digest =
            "SELECT md5(string_agg(id || ':' || coalesce(timezone, '-'), ',' ORDER BY id)) FROM users"
        let one = try await first.perform { c in try c.query(digest).first?.decode(String.self, at: 0) }
        let other = try await second.perform { c in try c.query(digest).first?.decode(String.self, at: 0) }
        #expect(one != nil && one == other)
    }

    @Test(
        "the shipped birthday rule: every message due at 09:00 of the birthday on the customer's clock (WIB 02:00, WITA 01:00, WIT 00:00 UTC), without a zone on the tenant's"
    )
    func shippedBirthday() async throws {
        let (tenant, rule) = ShippedConfig.sayakaya
        // A day ahead, so 09:00 has not passed in any zone.
        let date = tenant.clock.localDate(at: Date().addingTimeInterval(30 * 86400))
        let c = try await Self.load(
            DemoData(tenant: tenant, users: 3000, birthdayEvery: 20, birthdayOn: date))
        let result = try await c.perform { c in
            try Evaluator(tenant: tenant, rule: rule).evaluate(on: date, connection: c)
        }
        #expect(result.notificationTotal > 200)
        let due = try await c.perform { c in
            var out: [String: Set<String>] = [:]
            for row in try c.query(
                """
                SELECT coalesce(u.timezone, '-') || ' ' || n.zone,
                       to_char(n.next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
                  FROM notifications n JOIN users u ON u.id = n.user_id
                """)
            {
                let (zone, at) = try row.decode((String, String).self)
                out[zone, default: []].insert(at)
            }
            return out
        }
        let day = date.description
        #expect(
            due == [
                "Asia/Jakarta Asia/Jakarta": ["\(day) 02:00"],
                "Asia/Makassar Asia/Makassar": ["\(day) 01:00"],
                "Asia/Jayapura Asia/Jayapura": ["\(day) 00:00"], "- Asia/Jakarta": ["\(day) 02:00"],
            ])
    }

    @Test("a tenant without a zone column (lunaria's members) gets its users as before")
    func withoutZoneColumn() async throws {
        let tenant = ShippedConfig.lunaria.0
        #expect(tenant.audience.columns.timezone == nil)
        let demo = DemoData(
            tenant: tenant, users: 500, birthdayEvery: 10,
            birthdayOn: LocalDate(year: 2027, month: 3, day: 28))
        let c = try await Self.load(demo)
        let members = try await c.perform { c in
            try c.count("SELECT count(*) FROM members WHERE date_of_birth IS NOT NULL")
        }
        #expect(members == 500)
    }
}
