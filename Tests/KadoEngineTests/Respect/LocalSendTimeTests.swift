import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "Issuance: each customer's message due at their own local time",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct LocalSendTimeTests {
    /// The instant a zone's wall clock shows `time` on `date`, as the triggers compute it.
    static func instant(_ zone: String, _ date: String, _ time: String) throws -> Date {
        let clock = try #require(TenantClock(identifier: zone))
        return clock.instant(of: try #require(LocalDate(date)), at: try #require(LocalTime(time)))
    }

    /// Users born on `date` in the zones given (nil: no zone), ids from 1, and the rule's
    /// WhatsApp entry due at `sendAt` on each one's clock (`send_zone: user`).
    static func issue(
        zones: [String?], date: String, sendAt: String, sendZone: SendZone = .user
    ) async throws -> (TestDatabase, PostgresConnection) {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        try await c.perform { c in
            for (index, zone) in zones.enumerated() {
                try c.query(
                    "INSERT INTO users (id, name, email, phone_number, birthday, verified_status, timezone) VALUES ($1::int, 'User', 'u' || $1 || '@example.com', '+62812000' || $1, ($2::date - interval '30 years')::date, true, $3)",
                    [index + 1, date, zone])
            }
        }
        let (tenant, baseRule) = ShippedConfig.sayakaya
        var rule = baseRule
        rule.sendZone = sendZone
        rule.notifications = rule.notifications.map { note in
            var note = note
            note.sendAt = note.channel == "whatsapp" ? LocalTime(sendAt) : nil
            return note
        }
        let evaluator = Evaluator(tenant: tenant, rule: rule)
        let day = try #require(LocalDate(date))
        let result = try await c.perform { c in try evaluator.evaluate(on: day, connection: c) }
        #expect(result.notificationTotal == 2 * zones.count)
        return (db, c)
    }

    /// Each user's WhatsApp row: when it is due and the zone stored with it.
    static func due(_ c: PostgresConnection) async throws -> [Int: (Date, String?)] {
        try await c.perform { c in
            var out: [Int: (Date, String?)] = [:]
            for row in try c.query(
                "SELECT user_id, extract(epoch FROM next_attempt_at)::float8, zone FROM notifications WHERE channel = 'whatsapp'"
            ) {
                let (user, epoch, zone) = try row.decode((Int, Double, String?).self)
                out[user] = (Date(timeIntervalSince1970: epoch), zone)
            }
            return out
        }
    }

    @Test(
        "Jakarta, Makassar (twice), Jayapura, Amsterdam (summer time that day), no zone, a blank zone and an unknown zone: each at 09:00 on their own clock, the last three on the tenant's"
    )
    func ownClock() async throws {
        // A date ahead, so 09:00 has not passed anywhere: 28 March 2027, the day Amsterdam
        // moves to summer time (09:00 is 07:00 UTC, not 08:00).
        let date = "2027-03-28"
        let zones: [String?] = [
            "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Europe/Amsterdam", nil, "Mars/Olympus", "",
            "Asia/Makassar",
        ]
        let (_, c) = try await Self.issue(zones: zones, date: date, sendAt: "09:00")
        let due = try await Self.due(c)
        #expect(due[1]?.0 == utc("2027-03-28T02:00:00Z"))
        #expect(due[2]?.0 == utc("2027-03-28T01:00:00Z"))
        #expect(due[3]?.0 == utc("2027-03-28T00:00:00Z"))
        #expect(due[4]?.0 == utc("2027-03-28T07:00:00Z"))
        #expect(due[5]?.0 == utc("2027-03-28T02:00:00Z"))
        #expect(due[6]?.0 == utc("2027-03-28T02:00:00Z"))
        #expect(due[7]?.0 == utc("2027-03-28T02:00:00Z"))
        #expect(due[8]?.0 == utc("2027-03-28T01:00:00Z"))
        #expect(
            due.mapValues { $0.1 ?? "-" } == [
                1: "Asia/Jakarta", 2: "Asia/Makassar", 3: "Asia/Jayapura", 4: "Europe/Amsterdam",
                5: "Asia/Jakarta", 6: "Asia/Jakarta", 7: "Asia/Jakarta", 8: "Asia/Makassar",
            ])
        // Email has no send_at: with send_zone user it is due at the trigger's 00:01 on each
        // user's clock (Jayapura 00:01 is 15:01 UTC the day before).
        #expect(
            try await c.perform { c in
                try c.count(
                    "SELECT count(*) FROM notifications WHERE channel = 'email' AND user_id = 3 AND next_attempt_at = '2027-03-27 15:01:00Z'"
                )
            } == 1)
    }

    @Test("send_zone tenant: everyone at 09:00 Jakarta time, whatever their zone")
    func tenantClock() async throws {
        let (_, c) = try await Self.issue(
            zones: ["Asia/Jayapura", "Asia/Makassar"], date: "2027-03-28", sendAt: "09:00", sendZone: .tenant)
        let due = try await Self.due(c)
        #expect(due[1]?.0 == utc("2027-03-28T02:00:00Z"))
        #expect(due[2]?.0 == utc("2027-03-28T02:00:00Z"))
        #expect(due[1]?.1 == "Asia/Jayapura")
    }

    @Test("a local time already past when the promo is issued means now")
    func pastMeansNow() async throws {
        let yesterday = TenantClock(identifier: "Asia/Jakarta")!.localDate(
            at: Date().addingTimeInterval(-86400))
        let (_, c) = try await Self.issue(
            zones: ["Asia/Jayapura"], date: yesterday.description, sendAt: "09:00")
        let due = try await Self.due(c)
        let first = try #require(due[1]?.0)
        #expect(abs(first.timeIntervalSinceNow) < 60)
    }

    @Test(
        "kado_local_instant resolves gaps and overlaps as the triggers do: a time in the spring gap is the jump, one in the autumn overlap the earlier instant"
    )
    func sqlMatchesTenantClock() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let cases: [(String, String, String)] = [
            ("Europe/Amsterdam", "2027-03-28", "02:30"), ("Europe/Amsterdam", "2027-03-28", "02:00"),
            ("Europe/Amsterdam", "2027-03-28", "03:00"), ("Europe/Amsterdam", "2027-10-31", "02:30"),
            ("Europe/Amsterdam", "2027-10-31", "01:59"), ("America/New_York", "2027-03-14", "02:15"),
            ("America/New_York", "2027-11-07", "01:30"), ("Australia/Lord_Howe", "2027-10-03", "02:15"),
            ("Australia/Lord_Howe", "2027-04-04", "01:45"), ("Asia/Jayapura", "2027-06-01", "23:59"),
            ("Pacific/Apia", "2011-12-30", "09:00"),
        ]
        for (zone, date, time) in cases {
            let sql = try await c.perform { c in
                try c.query(
                    "SELECT extract(epoch FROM kado_local_instant($1::date, $2::time, $3, 'UTC'))::float8",
                    [date, time, zone]
                ).first?.decode(Double.self, at: 0)
            }
            let swift = try Self.instant(zone, date, time).timeIntervalSince1970
            #expect(sql == swift, "\(zone) \(date) \(time)")
        }
        // The spring gap and autumn overlap, spelled out.
        #expect(try Self.instant("Europe/Amsterdam", "2027-03-28", "02:30") == utc("2027-03-28T01:00:00Z"))
        #expect(try Self.instant("Europe/Amsterdam", "2027-10-31", "02:30") == utc("2027-10-31T00:30:00Z"))
    }
}
