import Foundation
import KadoPostgres
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Scheduler: failures stay where they happen, no surprise backfill",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct SchedulerIsolationTests {
    static func instant(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    /// Both shipped tenants, lunaria's audience pointed at a table that does not exist.
    static func brokenLunaria() -> Configuration {
        var configuration = ShippedConfig.birthdaysOnly
        let index = configuration.tenants.firstIndex { $0.config.id == "lunaria" }!
        configuration.tenants[index].config.audience.table = "no_such_members"
        return configuration
    }

    @Test("a tenant whose table is missing fails alone: recorded with the cause, the other tenant is issued")
    func missingTableIsolated() async throws {
        let db = try await TestDatabase.make()
        let database = db.database()
        // 2026-11-26 10:00 UTC: both rules' trigger times have passed in their zones.
        let now = Self.instant("2026-11-26T10:00:00Z")
        let report = try await Scheduler(configuration: Self.brokenLunaria()).runDue(
            at: now, database: database)
        #expect(report.results.map(\.tenantID) == ["sayakaya"])
        #expect(
            report.failures.map { "\($0.tenantID)/\($0.ruleID)/\($0.date)" } == [
                "lunaria/birthday-week/2026-11-26"
            ])
        let failure = try #require(report.failures.first)
        #expect(failure.error.sqlState == "42P01")
        #expect(failure.reason.contains("no_such_members") && failure.reason.contains("audience.table"))
        #expect(
            !failure.reason.contains("migrate"), "the hint points at the tenant's config, not at migrations")
        let (status, attempts, detail, retryIn) = try await database.perform { c in
            try c.query(
                "SELECT status, attempts, detail, extract(epoch FROM next_attempt_at - to_timestamp($1::float8))::float8 FROM kado_runs WHERE tenant_id = 'lunaria'",
                [now.timeIntervalSince1970]
            ).first!.decode((String, Int, String, Double).self)
        }
        #expect(status == "failed" && attempts == 1 && detail.contains("42P01"))
        #expect(retryIn > 20 && retryIn <= 30, "first retry after the base backoff")
        #expect(report.nextWake != nil)
    }

    @Test("a failed run is retried after its backoff, and succeeds once the table exists")
    func failedRunRetried() async throws {
        let db = try await TestDatabase.make()
        let database = db.database()
        let now = Self.instant("2026-11-26T10:00:00Z")
        let broken = Self.brokenLunaria()
        _ = try await Scheduler(configuration: broken).runDue(at: now, database: database)
        // Before the retry time nothing is due for lunaria.
        let plan = try await database.perform { c in
            try Scheduler(configuration: broken).plan(at: now, connection: c)
        }
        #expect(plan.due.isEmpty)
        #expect(plan.nextRetry != nil)
        // The retry time passes and the operator fixes the config.
        try await database.perform { c in
            try c.execute(
                "UPDATE kado_runs SET next_attempt_at = next_attempt_at - interval '1 minute' WHERE status = 'failed'"
            )
        }
        let fixed = ShippedConfig.birthdaysOnly
        let retried = try await Scheduler(configuration: fixed).runDue(
            at: now.addingTimeInterval(5), database: database)
        #expect(retried.failures.isEmpty)
        #expect(retried.results.map { "\($0.tenantID)/\($0.outcome.rawValue)" } == ["lunaria/empty"])
        let status = try await database.perform { c in
            try c.query("SELECT status FROM kado_runs WHERE tenant_id = 'lunaria'").first!.decode(
                String.self, at: 0)
        }
        #expect(status == "empty")
    }

    @Test("first start on an empty database: catch_up_days does not reach before the rule was first seen")
    func noSurpriseBackfill() async throws {
        let db = try await TestDatabase.make()
        let database = db.database()
        // lunaria's birthday-week rule has catch_up_days: 1.
        let lunaria = Configuration(tenants: [ShippedConfig.birthdaysOnly.tenant("lunaria")!])
        // First start at 2026-11-26 10:00 CET: today's 09:00 run is due, yesterday's is not.
        let plan = try await database.perform { c in
            try Scheduler(configuration: lunaria).plan(
                at: Self.instant("2026-11-26T09:00:00Z"), connection: c)
        }
        #expect(plan.due.map(\.date) == [LocalDate("2026-11-26")!])
        #expect(plan.skipped.isEmpty)
        // Two days later, down since the first start: a missed 27th is still caught up.
        let later = try await database.perform { c in
            try Scheduler(configuration: lunaria).plan(
                at: Self.instant("2026-11-28T07:00:00Z"), connection: c)
        }
        // 08:00 CET on the 28th: the 27th is within catch_up_days; the 26th is older than that.
        #expect(later.due.map(\.date) == [LocalDate("2026-11-27")!])
    }

    @Test("trigger.starts_on: nothing before it is run or caught up")
    func startsOn() async throws {
        let db = try await TestDatabase.make()
        let database = db.database()
        var tenant = ShippedConfig.birthdaysOnly.tenant("lunaria")!
        tenant.rules[0].startsOn = LocalDate("2026-11-28")
        let configuration = Configuration(tenants: [tenant])
        let seen = try await database.perform { c in
            try Scheduler(configuration: configuration).plan(
                at: Self.instant("2026-11-20T12:00:00Z"), connection: c)
        }
        #expect(seen.due.isEmpty)
        let plan = try await database.perform { c in
            try Scheduler(configuration: configuration).plan(
                at: Self.instant("2026-11-28T12:00:00Z"), connection: c)
        }
        #expect(plan.due.map(\.date) == [LocalDate("2026-11-28")!])
    }
}
