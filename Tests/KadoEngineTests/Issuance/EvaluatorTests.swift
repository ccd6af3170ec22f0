import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "Evaluator on a real PostgreSQL",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct EvaluatorTests {
    /// Hand-made users of the seed-shaped `users` table.
    static let users:
        [(id: Int, name: String, email: String?, phone: String?, birthday: String, verified: Bool?)] = [
            (1, "Ann Lee", "ann@example.com", "+628111", "1990-03-15", true),
            (2, "Ben Ong", nil, "+628112", "2001-03-15", true),  // no email: WhatsApp only
            (3, "Cid Unverified", "cid@example.com", "+628113", "1985-03-15", false),
            (4, "Dee Null", "dee@example.com", "+628114", "1970-03-15", nil),  // NULL is not true
            (5, "Eve Before", "eve@example.com", "+628115", "1990-03-14", true),
            (6, "Fay After", "fay@example.com", "+628116", "1990-03-16", true),
            // Blank email, no phone: eligible, but no messages.
            (7, "Gus Nocontact", "  ", nil, "1999-03-15", true),
            (8, "Hal Leap", "hal@example.com", "+628118", "2000-02-29", true),
            (9, "Ivy Feb28", "ivy@example.com", "+628119", "1992-02-28", true),
            (10, "Kim Mar1", "kim@example.com", "+628110", "1990-03-01", true),
        ]

    static func seed(_ c: isolated PostgresConnection) throws {
        for u in users {
            try c.query(
                "INSERT INTO users (id, name, email, phone_number, birthday, verified_status) VALUES ($1::int, $2, $3, $4, $5::date, $6::boolean)",
                [u.id, u.name, u.email, u.phone, u.birthday, u.verified])
        }
    }

    func database() async throws -> (TestDatabase, PostgresConnection) {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        try await c.perform { try Self.seed($0) }
        return (db, c)
    }

    func ids(_ c: PostgresConnection, _ sql: String, _ p: [(any PostgresEncodable)?] = []) async throws
        -> [Int]
    {
        try await c.perform { c in try c.query(sql, p).map { try $0.decode(Int.self, at: 0) } }
    }

    @Test(
        "exact audience: year ignored, unverified and NULL out, neighbours out, messages only where an address exists"
    )
    func exactAudience() async throws {
        let (_, c) = try await database()
        let (tenant, rule) = ShippedConfig.sayakaya
        let result = try await Evaluator(tenant: tenant, rule: rule).evaluate(
            on: LocalDate("2026-03-15")!, connection: c)

        #expect(result.outcome == .issued)
        #expect(result.audience == 3)
        #expect(try await ids(c, "SELECT user_id FROM promo_eligibilities ORDER BY 1") == [1, 2, 7])
        #expect(
            try await ids(c, "SELECT user_id FROM notifications WHERE channel = 'email' ORDER BY 1") == [1])
        #expect(
            try await ids(c, "SELECT user_id FROM notifications WHERE channel = 'whatsapp' ORDER BY 1") == [
                1, 2,
            ])
        #expect(result.notifications == ["email": 1, "whatsapp": 2])
        let recipients = try await c.perform { c in
            try c.query("SELECT recipient FROM notifications ORDER BY id").map {
                try $0.decode(String.self, at: 0)
            }
        }
        #expect(Set(recipients) == ["ann@example.com", "+628111", "+628112"])
    }

    @Test(
        "the shipped sayakaya promo matches the seed: one shared code, Rp10000, valid on the birthday (WIB) only"
    )
    func sayakayaPromoShape() async throws {
        let (_, c) = try await database()
        let (tenant, rule) = ShippedConfig.sayakaya
        let result = try await Evaluator(tenant: tenant, rule: rule).evaluate(
            on: LocalDate("2026-03-15")!, connection: c)
        let code = try #require(result.code)
        #expect(code.hasPrefix("BDAY-") && code.count == 15)
        #expect(code.dropFirst(5).allSatisfy { PromoCodeSpec.defaultAlphabet.contains($0) })
        let row = try await c.perform { c in
            try c.query(
                """
                SELECT promo_code, amount, start_date::text, end_date::text, discount_type, currency,
                       to_char(valid_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'),
                       to_char(valid_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'), (SELECT count(*) FROM promos)::int
                  FROM promos
                """
            ).first!.decode((String, Int, String, String, String, String, String, String, Int).self)
        }
        #expect(row.0 == code)
        #expect(row.1 == 10000)
        #expect(row.2 == "2026-03-15" && row.3 == "2026-03-15")
        #expect(row.4 == "fixed" && row.5 == "IDR")
        // Local midnight to the end of the local day in Asia/Jakarta (UTC+7).
        #expect(row.6 == "2026-03-14T17:00:00" && row.7 == "2026-03-15T17:00:00")
        #expect(row.8 == 1)
    }

    @Test("running twice leaves one promo and no duplicate rows")
    func idempotent() async throws {
        let (_, c) = try await database()
        let (tenant, rule) = ShippedConfig.sayakaya
        let evaluator = Evaluator(tenant: tenant, rule: rule)
        let first = try await evaluator.evaluate(on: LocalDate("2026-03-15")!, connection: c)
        let second = try await evaluator.evaluate(on: LocalDate("2026-03-15")!, connection: c)
        #expect(first.outcome == .issued)
        #expect(second.outcome == .alreadyDone)
        #expect(second.promoID == first.promoID && second.code == first.code)
        #expect(try await c.perform { try $0.count("SELECT count(*) FROM promos") } == 1)
        #expect(try await c.perform { try $0.count("SELECT count(*) FROM promo_eligibilities") } == 3)
        #expect(try await c.perform { try $0.count("SELECT count(*) FROM notifications") } == 3)
    }

    @Test("eight evaluators at once on eight connections: one promo, seven 'already done'")
    func concurrent() async throws {
        let (db, c) = try await database()
        let (tenant, rule) = ShippedConfig.sayakaya
        let outcomes = try await withThrowingTaskGroup(of: EvaluationResult.Outcome.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let connection = try await db.connect()
                    return try await Evaluator(tenant: tenant, rule: rule).evaluate(
                        on: LocalDate("2026-03-15")!, connection: connection
                    ).outcome
                }
            }
            return try await group.reduce(into: [EvaluationResult.Outcome]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .issued }.count == 1)
        #expect(outcomes.filter { $0 == .alreadyDone }.count == 7)
        #expect(try await c.perform { try $0.count("SELECT count(*) FROM promos") } == 1)
        #expect(try await c.perform { try $0.count("SELECT count(*) FROM promo_eligibilities") } == 3)
        #expect(
            try await c.perform {
                try $0.count("SELECT count(*) FROM (SELECT DISTINCT user_id, channel FROM notifications) d")
            } == 3)
        #expect(try await c.perform { try $0.count("SELECT count(*) FROM notifications") } == 3)
    }

    @Test(
        "leap-day policies in common and leap years",
        arguments: [
            (LeapDayPolicy.feb28, "2026-02-28", [8, 9]),  // common year: Feb 29 birthdays join Feb 28
            (.feb28, "2026-03-01", [10]),
            (.feb28, "2028-02-28", [9]),  // leap year: Feb 29 exists
            (.feb28, "2028-02-29", [8]),
            (.mar1, "2026-02-28", [9]),
            (.mar1, "2026-03-01", [8, 10]),  // common year: Feb 29 birthdays move to Mar 1
            (.mar1, "2028-03-01", [10]),
        ])
    func leapDay(policy: LeapDayPolicy, date: String, expected: [Int]) async throws {
        let (_, c) = try await database()
        var (tenant, rule) = ShippedConfig.sayakaya
        rule.trigger = BirthdayTrigger(leapDay: policy)
        _ = try await Evaluator(tenant: tenant, rule: rule).evaluate(on: LocalDate(date)!, connection: c)
        #expect(try await ids(c, "SELECT user_id FROM promo_eligibilities ORDER BY 1") == expected)
    }

    @Test("an empty day writes no promo and records the run")
    func emptyDay() async throws {
        let (_, c) = try await database()
        let (tenant, rule) = ShippedConfig.sayakaya
        let result = try await Evaluator(tenant: tenant, rule: rule).evaluate(
            on: LocalDate("2026-07-04")!, connection: c)
        #expect(result.outcome == .empty)
        #expect(result.promoID == nil)
        #expect(try await c.perform { try $0.count("SELECT count(*) FROM promos") } == 0)
        #expect(
            try await c.perform {
                try $0.count("SELECT count(*) FROM kado_runs WHERE status = 'empty' AND audience = 0")
            } == 1)
        let again = try await Evaluator(tenant: tenant, rule: rule).evaluate(
            on: LocalDate("2026-07-04")!, connection: c)
        #expect(again.outcome == .alreadyDone)
    }

    @Test("a dry run reports the same figures and writes nothing")
    func dryRun() async throws {
        let (_, c) = try await database()
        let (tenant, rule) = ShippedConfig.sayakaya
        let evaluator = Evaluator(tenant: tenant, rule: rule)
        let dry = try await evaluator.evaluate(on: LocalDate("2026-03-15")!, dryRun: true, connection: c)
        #expect(dry.outcome == .dryRun)
        for table in ["promos", "promo_eligibilities", "notifications", "kado_runs"] {
            #expect(
                try await c.perform { try $0.count("SELECT count(*) FROM \(table)") } == 0,
                "\(table) written by a dry run")
        }
        let real = try await evaluator.evaluate(on: LocalDate("2026-03-15")!, connection: c)
        #expect(dry.audience == real.audience)
        #expect(dry.eligibilities == real.eligibilities)
        #expect(dry.notifications == real.notifications)
    }

    @Test("two tenants never see each other's users; per-user codes are distinct and travel with the message")
    func tenantsAndPerUserCodes() async throws {
        let (_, c) = try await database()
        try await c.perform { c in
            for (id, name, email, birthday) in [
                (1, "Noor de Vries", "noor@example.nl", "1991-03-15"),
                (2, "Sven Bakker", "sven@example.nl", "1980-03-15"),
                (3, "Old Member", "old@example.nl", "1980-03-16"),
            ] {
                try c.query(
                    "INSERT INTO members (member_id, full_name, email_address, date_of_birth, is_verified, preferred_locale) VALUES ($1::int, $2, $3, $4::date, true, 'en-US')",
                    [id, name, email, birthday])
            }
        }
        let (sTenant, sRule) = ShippedConfig.sayakaya
        let (lTenant, lRule) = ShippedConfig.lunaria
        let s = try await Evaluator(tenant: sTenant, rule: sRule).evaluate(
            on: LocalDate("2026-03-15")!, connection: c)
        let l = try await Evaluator(tenant: lTenant, rule: lRule).evaluate(
            on: LocalDate("2026-03-15")!, connection: c)
        #expect(s.audience == 3)
        #expect(l.audience == 2)
        #expect(
            try await ids(c, "SELECT user_id FROM promo_eligibilities WHERE tenant_id = 'lunaria' ORDER BY 1")
                == [1, 2])
        #expect(
            try await ids(
                c, "SELECT user_id FROM promo_eligibilities WHERE tenant_id = 'sayakaya' ORDER BY 1") == [
                    1, 2, 7,
                ])
        let lunariaRecipients = try await c.perform { c in
            try c.query(
                "SELECT recipient, promo_code, locale FROM notifications WHERE tenant_id = 'lunaria' ORDER BY user_id"
            ).map {
                try $0.decode((String, String, String).self)
            }
        }
        #expect(lunariaRecipients.map(\.0) == ["noor@example.nl", "sven@example.nl"])
        #expect(
            lunariaRecipients.allSatisfy { $0.1.hasPrefix("MAAN-") && $0.1.count == 17 && $0.2 == "en-US" })
        let codes = try await c.perform { c in
            try c.query("SELECT promo_code FROM promo_eligibilities WHERE tenant_id = 'lunaria'").map {
                try $0.decode(String.self, at: 0)
            }
        }
        #expect(Set(codes).count == 2)
        #expect(Set(codes) == Set(lunariaRecipients.map(\.1)))
        // The 7-day validity ends at local midnight (Europe/Amsterdam, CET = UTC+1) after the 7th day.
        let until = try await c.perform { c in
            try c.query(
                "SELECT to_char(valid_until AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), end_date::text FROM promos WHERE tenant_id = 'lunaria'"
            ).first!.decode((String, String).self)
        }
        #expect(until.0 == "2026-03-21 23:00" && until.1 == "2026-03-21")
    }
}
