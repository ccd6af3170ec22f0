import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "The scheduler and the new triggers: a date trigger on its dates only, the others every day",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct RuleSchedulingTests {
    static func instant(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static func configuration(_ tenantID: String, rules: [String]) -> Configuration {
        var tenant = ShippedConfig.configuration.tenant(tenantID)!
        tenant.rules = tenant.rules.filter { rules.contains($0.id) }
        return Configuration(tenants: [tenant])
    }

    func due(_ configuration: Configuration, at now: String, on c: PostgresConnection) async throws
        -> [String]
    {
        let scheduler = Scheduler(configuration: configuration)
        let plan = try await c.perform { try scheduler.plan(at: Self.instant(now), connection: $0) }
        return plan.due.map { "\($0.ruleID)/\($0.date)" }
    }

    @Test("harbolnas is due at 00:01 WIB on 12-12 and not the day after; the scheduler then sleeps a year")
    func harbolnas() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let config = Self.configuration("sayakaya", rules: ["harbolnas"])
        #expect(try await due(config, at: "2026-12-11T17:00:30Z", on: c).isEmpty)
        #expect(try await due(config, at: "2026-12-11T17:01:30Z", on: c) == ["harbolnas/2026-12-12"])
        let scheduler = Scheduler(configuration: config)
        let report = try await scheduler.runDue(
            at: Self.instant("2026-12-11T17:01:30Z"), database: db.database())
        #expect(report.results.map(\.outcome) == [.empty])
        #expect(report.nextWake == Self.instant("2027-12-11T17:01:00Z"))
        #expect(try await due(config, at: "2026-12-12T17:01:30Z", on: c).isEmpty)
    }

    @Test("anniversary and winback are due every day, DST change included")
    func daily() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let config = Self.configuration("lunaria", rules: ["anniversary", "winback"])
        let scheduler = Scheduler(configuration: config)
        // 2026-03-28 to 2026-03-30 around Amsterdam's spring change (the 29th), at 12:00 local.
        for (now, date) in [
            ("2026-03-28T11:00:00Z", "2026-03-28"), ("2026-03-29T10:00:00Z", "2026-03-29"),
            ("2026-03-30T10:00:00Z", "2026-03-30"),
        ] {
            #expect(try await due(config, at: now, on: c) == ["anniversary/\(date)", "winback/\(date)"])
            _ = try await scheduler.runDue(at: Self.instant(now), database: db.database())
            #expect(try await due(config, at: now, on: c).isEmpty)
        }
    }
}
