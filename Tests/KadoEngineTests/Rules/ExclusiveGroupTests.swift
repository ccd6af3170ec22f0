import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "Exclusive groups on a real PostgreSQL: the highest priority wins, in either order",
    .serialized,
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct ExclusiveGroupTests {
    static let day = LocalDate(year: 2026, month: 11, day: 20)

    /// Members born on Nov 20: 1 gold, 2 platinum, 3 regular, 4 with no tier, 5 silver; 6 is gold
    /// but unverified (in neither); 7 is gold, born another day.
    static func seed(_ c: isolated PostgresConnection) throws {
        let members: [(Int, String?, String, Bool)] = [
            (1, "gold", "1990-11-20", true), (2, "platinum", "1985-11-20", true),
            (3, "regular", "2000-11-20", true),
            (4, nil, "1970-11-20", true), (5, "silver", "1999-11-20", true), (6, "gold", "1991-11-20", false),
            (7, "gold", "1991-11-21", true),
        ]
        for (id, tier, birthday, verified) in members {
            try c.query(
                """
                INSERT INTO members (member_id, full_name, email_address, date_of_birth, is_verified, tier)
                VALUES ($1::int, 'Member ' || $1, 'm' || $1 || '@example.com', $2::date, $3::boolean, $4)
                """, [id, birthday, verified, tier])
        }
    }

    /// Evaluates `order` on a fresh database; returns each member's rules.
    func issue(_ configuration: Configuration, order: [String]) async throws -> [Int: [String]] {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        try await c.perform { try Self.seed($0) }
        let tenant = try #require(configuration.tenant("lunaria"))
        for id in order {
            let rule = try #require(tenant.rules.first { $0.id == id })
            _ = try await Evaluator(tenant: tenant.config, rule: rule).evaluate(on: Self.day, connection: c)
        }
        return try await c.perform { c in
            var out: [Int: [String]] = [:]
            for row in try c.query(
                "SELECT e.user_id, p.rule_id FROM promo_eligibilities e JOIN promos p ON p.id = e.promo_id ORDER BY 2"
            ) {
                let (user, rule) = try row.decode((Int, String).self)
                out[user, default: []].append(rule)
            }
            return out
        }
    }

    static let expected: [Int: [String]] = [
        1: ["birthday-gold"], 2: ["birthday-gold"], 3: ["birthday-week"], 4: ["birthday-week"],
        5: ["birthday-week"],
    ]

    @Test(
        "gold and platinum get birthday-gold, the others birthday-week, nobody both",
        arguments: [["birthday-week", "birthday-gold"], ["birthday-gold", "birthday-week"]])
    func bothOrders(order: [String]) async throws {
        let got = try await issue(ShippedConfig.configuration, order: order)
        #expect(got == Self.expected)
    }

    @Test("a disabled higher-priority rule leaves its audience to the others")
    func disabledHigher() async throws {
        let edited = try EditedConfig(
            Edit("rules/lunaria/birthday-gold.yaml", replacing: "enabled: true", with: "enabled: false"))
        let configuration = try #require(edited.result.configuration, "\(diagnosticsText(edited.result))")
        let got = try await issue(configuration, order: ["birthday-week"])
        #expect(
            got == [
                1: ["birthday-week"], 2: ["birthday-week"], 3: ["birthday-week"], 4: ["birthday-week"],
                5: ["birthday-week"],
            ])
    }

    @Test("a higher-priority rule that does not fire that date (a date trigger) excludes nobody")
    func higherNotFiring() async throws {
        let edited = try EditedConfig(
            Edit(
                "rules/lunaria/birthday-gold.yaml", replacing: "  plugin: birthday\n",
                with: "  plugin: date\n  every_year: [\"12-12\"]\n"),
            Edit("rules/lunaria/birthday-gold.yaml", replacing: "  leap_day: mar1\n", with: ""))
        let configuration = try #require(edited.result.configuration, "\(diagnosticsText(edited.result))")
        let got = try await issue(configuration, order: ["birthday-week", "birthday-gold"])
        #expect(got.values.allSatisfy { $0 == ["birthday-week"] } && got.count == 5)
    }

    @Test("three rules in a group: each user gets the highest one whose audience holds them")
    func threeRules() async throws {
        let edited = try EditedConfig(
            .create(
                "rules/lunaria/birthday-silver.yaml",
                """
                id: birthday-silver
                name: Zilver
                trigger: {plugin: birthday, at: "09:00"}
                audience:
                  where:
                    - {attribute: tier, in: [silver, gold]}
                exclusive: {group: birthday, priority: 15}
                promo: {name: Zilver, code: {style: per_user, prefix: ZV-, length: 12}}
                discount: {type: percent, percent: 20, currency: EUR}
                validity: {days: 7}
                notify: [{channel: email, template: birthday}]
                """))
        let configuration = try #require(edited.result.configuration, "\(diagnosticsText(edited.result))")
        for order in [
            ["birthday-silver", "birthday-week", "birthday-gold"],
            ["birthday-gold", "birthday-week", "birthday-silver"],
        ] {
            let got = try await issue(configuration, order: order)
            #expect(
                got == [
                    1: ["birthday-gold"], 2: ["birthday-gold"], 3: ["birthday-week"], 4: ["birthday-week"],
                    5: ["birthday-silver"],
                ], "\(order)")
        }
    }
}
