import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "kado doctor: attribute columns and the index each trigger needs, on a real PostgreSQL",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct DoctorTests {
    static let day = LocalDate(year: 2026, month: 12, day: 1)

    @Test("the shipped attributes fit the demo members table")
    func shippedAttributes() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let findings = try await c.perform {
            try AttributeCheck(tenant: ShippedConfig.lunaria.0).run(connection: $0)
        }
        #expect(findings.map(\.attribute) == ["tier", "member_since", "last_order", "points"])
        #expect(findings.allSatisfy { $0.problem == nil })
        #expect(
            findings.map(\.columnType) == [
                "text", "timestamp with time zone", "timestamp with time zone", "integer",
            ])
    }

    @Test("a missing column (with a suggestion) and a type that does not fit")
    func wrongColumns() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        var tenant = ShippedConfig.lunaria.0
        tenant.audience.attributes = [
            Attribute(name: "tier", type: .string, source: .column("teir")),
            Attribute(name: "points", type: .date, source: .column("loyalty_points")),
            Attribute(name: "vip", type: .boolean, source: .column("tier")),
            Attribute(name: "since", type: .date, source: .column("member_since")),
        ]
        let check = AttributeCheck(tenant: tenant)
        let findings = try await c.perform { try check.run(connection: $0) }
        #expect(findings[0].problem == "column 'teir' does not exist in members (did you mean 'tier'?)")
        #expect(
            findings[1].problem
                == "declared date, but column 'loyalty_points' is integer; declare it integer, or point it at another column"
        )
        #expect(
            findings[2].problem?.hasPrefix("declared boolean, but column 'tier' is text; declare it string")
                == true)
        #expect(findings[3].problem == nil)
    }

    @Test("a date trigger reads the whole audience and needs no index")
    func wholeAudience() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let tenant = ShippedConfig.configuration.tenant("sayakaya")!
        let rule = try #require(tenant.rules.first { $0.id == "harbolnas" })
        let finding = try await c.perform {
            try AudienceCheck(tenant: tenant.config, rule: rule).run(on: Self.day, connection: $0)
        }
        guard case .wholeAudience(let plan) = finding else {
            Issue.record("expected a whole-audience read, got \(finding)")
            return
        }
        #expect(plan.contains("Seq Scan on users"))
    }

    @Test(
        "anniversary and winback: the migration's indexes serve them; without, doctor prints one that does",
        arguments: [("anniversary", "members_member_since_md_idx"), ("winback", "members_last_order_idx")])
    func indexes(ruleID: String, index: String) async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let tenant = ShippedConfig.configuration.tenant("lunaria")!
        let rule = try #require(tenant.rules.first { $0.id == ruleID })
        let check = AudienceCheck(tenant: tenant.config, rule: rule)
        guard case .ok(let plan) = try await c.perform({ try check.run(on: Self.day, connection: $0) }) else {
            Issue.record("the shipped index is not used")
            return
        }
        #expect(!plan.contains("Seq Scan"))
        try await c.perform { try $0.execute("DROP INDEX \(index)") }
        guard
            case .noIndex(let suggestion?) = try await c.perform({
                try check.run(on: Self.day, connection: $0)
            })
        else {
            Issue.record("no suggestion without the index")
            return
        }
        #expect(
            suggestion.contains(
                "kado_local_date(\"\(ruleID == "winback" ? "last_order_at" : "member_since")\", 'Europe/Amsterdam')"
            ))
        #expect(suggestion.hasSuffix("WHERE \"is_verified\" IS TRUE;"))
        try await c.perform { try $0.execute(suggestion) }
        guard case .ok = try await c.perform({ try check.run(on: Self.day, connection: $0) }) else {
            Issue.record("the suggested index \(suggestion) is not used")
            return
        }
    }
}
