import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "Scheduler on the tenant's clock",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct SchedulerTests {
    static func instant(_ text: String) -> Date {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)!
    }

    /// The shipped configuration reduced to one tenant and its birthday campaign (sayakaya's
    /// birthday, lunaria's birthday-week).
    static func configuration(only tenantID: String, adjust: (inout Configuration.Tenant) -> Void = { _ in })
        -> Configuration
    {
        var tenant = ShippedConfig.configuration.tenant(tenantID)!
        tenant.rules = tenant.rules.filter { $0.id == "birthday" || $0.id == "birthday-week" }
        adjust(&tenant)
        return Configuration(tenants: [tenant])
    }

    func plan(_ configuration: Configuration, at now: String, on c: PostgresConnection) async throws -> (
        due: [String], skipped: [String]
    ) {
        let scheduler = Scheduler(configuration: configuration)
        let plan = try await c.perform { try scheduler.plan(at: Self.instant(now), connection: $0) }
        return (
            plan.due.map { "\($0.tenantID)/\($0.ruleID)/\($0.date)" },
            plan.skipped.map { "\($0.tenantID)/\($0.ruleID)/\($0.date)" }
        )
    }

    @Test("00:01 WIB on a UTC machine: just before nothing is due, just after the Jakarta date is")
    func aroundMidnightJakarta() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let config = Self.configuration(only: "sayakaya")
        // 2026-11-25T17:00:30Z is 2026-11-26 00:00:30 in Jakarta: the 00:01 trigger has not come.
        let before = try await plan(config, at: "2026-11-25T17:00:30Z", on: c)
        #expect(before.due.isEmpty)
        #expect(before.skipped.isEmpty)
        // A minute later it has, and "today" is the Jakarta date, not the server's 2026-11-25.
        let after = try await plan(config, at: "2026-11-25T17:01:30Z", on: c)
        #expect(after.due == ["sayakaya/birthday/2026-11-26"])
        let report = try await Scheduler(configuration: config).runDue(
            at: Self.instant("2026-11-25T17:01:30Z"), database: db.database())
        #expect(report.results.map(\.date) == [LocalDate("2026-11-26")!])
        #expect(try await plan(config, at: "2026-11-25T17:05:00Z", on: c).due.isEmpty)
    }

    @Test(
        "a midnight that does not exist (America/Santiago, 2026-09-06) fires at the first instant after the gap"
    )
    func springForwardGap() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let config = Self.configuration(only: "sayakaya") { tenant in
            tenant.config.timeZone = "America/Santiago"
            tenant.config.clock = TenantClock(identifier: "America/Santiago")!
            tenant.rules[0].at = LocalTime(hour: 0, minute: 0)
        }
        let schedule = RuleSchedule(rule: config.tenants[0].rules[0], tenant: config.tenants[0].config)
        // Clocks jump from 2026-09-05 23:59:59 -04 to 2026-09-06 01:00:00 -03 (04:00Z).
        #expect(
            schedule.occurrence(on: LocalDate("2026-09-06")!).instant == Self.instant("2026-09-06T04:00:00Z"))
        // The day before runs as usual; then nothing is due until the gap ends.
        _ = try await Scheduler(configuration: config).runDue(
            at: Self.instant("2026-09-05T12:00:00Z"), database: db.database())
        #expect(try await plan(config, at: "2026-09-06T03:59:59Z", on: c).due == [])
        #expect(
            try await plan(config, at: "2026-09-06T04:00:00Z", on: c).due == ["sayakaya/birthday/2026-09-06"])
    }

    @Test("a time that occurs twice (America/Santiago, 2026-04-04 23:30) fires once, at the earlier instant")
    func fallBackOverlap() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let config = Self.configuration(only: "sayakaya") { tenant in
            tenant.config.timeZone = "America/Santiago"
            tenant.config.clock = TenantClock(identifier: "America/Santiago")!
            tenant.rules[0].at = LocalTime(hour: 23, minute: 30)
        }
        // 23:30 -03 (02:30Z) and again 23:30 -04 (03:30Z) after clocks go back at midnight.
        let first = try await plan(config, at: "2026-04-05T02:30:00Z", on: c)
        #expect(first.due == ["sayakaya/birthday/2026-04-04"])
        _ = try await Scheduler(configuration: config).runDue(
            at: Self.instant("2026-04-05T02:30:00Z"), database: db.database())
        #expect(try await plan(config, at: "2026-04-05T03:30:00Z", on: c).due.isEmpty)
    }

    @Test("after downtime: today is caught up, older days beyond the window are recorded as skipped")
    func catchUpDefaultWindow() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let config = Self.configuration(only: "sayakaya")
        let scheduler = Scheduler(configuration: config)
        // Runs 2026-11-20.
        _ = try await scheduler.runDue(at: Self.instant("2026-11-19T17:05:00Z"), database: db.database())
        // Down until 2026-11-23 10:00 WIB.
        let plan = try await plan(config, at: "2026-11-23T03:00:00Z", on: c)
        #expect(plan.due == ["sayakaya/birthday/2026-11-23"])
        #expect(plan.skipped == ["sayakaya/birthday/2026-11-21", "sayakaya/birthday/2026-11-22"])
        _ = try await scheduler.runDue(at: Self.instant("2026-11-23T03:00:00Z"), database: db.database())
        let runs = try await c.perform { c in
            try c.query("SELECT occurrence_date::text, status FROM kado_runs ORDER BY 1").map {
                try $0.decode((String, String).self)
            }
        }
        #expect(runs.map(\.0) == ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"])
        #expect(runs.map(\.1).map { $0 == "skipped" } == [false, true, true, false])
        #expect(
            try await c.perform {
                try $0.query(
                    "SELECT count(*) FROM promos WHERE occurrence_date IN ('2026-11-21', '2026-11-22')"
                ).first!.decode(Int.self, at: 0)
            } == 0)
    }

    @Test("a rule's catch_up_days widens the window: yesterday is still run, the day before is skipped")
    func catchUpWidened() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let config = Self.configuration(only: "lunaria")  // catch_up_days: 1, at 09:00 Europe/Amsterdam
        let scheduler = Scheduler(configuration: config)
        _ = try await scheduler.runDue(at: Self.instant("2026-11-20T08:30:00Z"), database: db.database())
        #expect(try await plan(config, at: "2026-11-20T09:00:00Z", on: c).due.isEmpty)
        // Down until 2026-11-23 12:00 CET.
        let plan = try await plan(config, at: "2026-11-23T11:00:00Z", on: c)
        #expect(plan.due == ["lunaria/birthday-week/2026-11-22", "lunaria/birthday-week/2026-11-23"])
        #expect(plan.skipped == ["lunaria/birthday-week/2026-11-21"])
        // Before 09:00 on the 23rd, only the 22nd is due.
        #expect(
            try await self.plan(config, at: "2026-11-23T07:59:00Z", on: c).due == [
                "lunaria/birthday-week/2026-11-22"
            ])
    }

    @Test("a disabled rule is never due")
    func disabled() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let config = Self.configuration(only: "sayakaya") { $0.rules[0].enabled = false }
        #expect(try await plan(config, at: "2026-11-25T17:01:30Z", on: c).due.isEmpty)
        #expect(
            Scheduler(configuration: config).nextTrigger(after: Self.instant("2026-11-25T17:01:30Z")) == nil)
    }
}
