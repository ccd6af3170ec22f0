import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport

/// A table of hand-made people with a column of every attribute type, NULLs included, on a
/// fresh test database: what condition and trigger tests select from.
struct PeopleTable {
    let db: TestDatabase
    let connection: PostgresConnection

    /// Each person's columns: id, name, email, birthday, verified, tier (text), points (int),
    /// score (numeric), vip (boolean), joined (date), seen (timestamptz).
    static let rows: [[String?]] = [
        [
            "1", "Ann Gold", "ann@example.com", "1990-03-15", "t", "gold", "100", "4.5", "t", "2020-01-15",
            "2026-03-14 23:30:00+00",
        ],
        [
            "2", "Ben Silver", "ben@example.com", "2008-03-16", "t", "silver", "50", "3.25", "f",
            "2021-06-30", "2026-03-15 12:00:00+00",
        ],
        ["3", "Cid Unknown", nil, nil, nil, nil, nil, nil, nil, nil, nil],
        [
            "4", "Dee Gold", "  ", "2008-02-29", "t", "gold", "150", "5", nil, "2019-02-28",
            "2026-03-15 22:30:00+00",
        ],
        [
            "5", "Eve Regular", "eve@example.com", "2008-03-15", "f", "regular", "0", "0", "f", "2026-03-15",
            "2026-03-16 00:30:00+00",
        ],
        [
            "6", "Fay Quote", "fay@example.com", "1960-12-31", "t", "a,\"b'c", "-5", "-1.5", "t",
            "2000-02-29", "2020-02-29 11:00:00+00",
        ],
    ]

    static var everyone: [Int] { rows.compactMap { $0[0].flatMap { Int($0) } } }

    static func make() async throws -> PeopleTable {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        try await c.perform { c in
            try c.execute(
                """
                CREATE TABLE people (id int PRIMARY KEY, name text, email text, phone_number text, birthday date,
                    verified_status boolean, tier text, points int, score numeric, vip boolean, joined date,
                    seen timestamptz)
                """)
            for row in rows {
                try c.query(
                    """
                    INSERT INTO people (id, name, email, birthday, verified_status, tier, points, score, vip, joined, seen)
                    VALUES ($1::int, $2, $3, $4::date, $5::boolean, $6, $7::int, $8::numeric, $9::boolean, $10::date,
                            $11::timestamptz)
                    """, row.map { $0 })
            }
        }
        return PeopleTable(db: db, connection: c)
    }

    static let attributes: [Attribute] = [
        Attribute(name: "tier", type: .string, source: .column("tier")),
        Attribute(name: "points", type: .integer, source: .column("points")),
        Attribute(name: "score", type: .number, source: .column("score")),
        Attribute(name: "vip", type: .boolean, source: .column("vip")),
        Attribute(name: "joined", type: .date, source: .column("joined")),
        Attribute(name: "seen", type: .date, source: .column("seen")),
    ]

    /// A tenant in Europe/Amsterdam whose users are `people`.
    static var tenant: TenantConfig {
        var tenant = ShippedConfig.sayakaya.0
        var source = AudienceSource()
        source.table = "people"
        source.timeZone = "Europe/Amsterdam"
        source.attributes = attributes
        tenant.audience = source
        return tenant
    }

    static func attribute(_ name: String) -> Attribute {
        tenant.audience.attribute(named: name)!
    }

    /// A rule that fires on `date` for everyone (verified or not) meeting `conditions`.
    static func rule(
        _ conditions: [Condition] = [], trigger: (any TriggerPlugin)? = nil, on date: LocalDate,
        id: String = "r"
    ) -> RuleConfig {
        var rule = ShippedConfig.sayakaya.1
        rule.id = id
        rule.trigger = trigger ?? DateTrigger(on: [date])
        rule.verifiedOnly = false
        rule.conditions = conditions
        rule.outranking = []
        rule.snapshotVariables = []
        return rule
    }

    /// The ids `rule` selects on `date`, in order; nil when the trigger does not fire.
    func ids(_ rule: RuleConfig, on date: LocalDate, tenant: TenantConfig = PeopleTable.tenant) async throws
        -> [Int]?
    {
        guard let query = AudienceQuery(tenant: tenant, rule: rule, date: date, firstParameter: 1) else {
            return nil
        }
        return try await connection.perform { c in
            try c.query("SELECT user_id FROM (\(query.sql)) s ORDER BY 1", query.parameters).map {
                try $0.decode(Int.self, at: 0)
            }
        }
    }
}
