import Foundation
import KadoEngine
import Testing

@Suite("BirthdayTrigger")
struct BirthdayTriggerTests {
    @Test(
        "birthdays celebrated on a date",
        arguments: [
            // Common year: Feb 29 birthdays move to Feb 28 (feb28) or Mar 1 (mar1).
            (LeapDayPolicy.feb28, "2026-02-28", [228, 229]),
            (.feb28, "2026-03-01", [301]),
            (.mar1, "2026-03-01", [301, 229]),
            (.mar1, "2026-02-28", [228]),
            // Leap year: everyone on their own day.
            (.feb28, "2028-02-29", [229]),
            (.feb28, "2028-02-28", [228]),
            (.mar1, "2028-03-01", [301]),
            (.mar1, "2028-02-29", [229]),
            (.feb28, "2026-11-26", [1126]),
            (.feb28, "2026-01-01", [101]),
        ])
    func monthDays(policy: LeapDayPolicy, day: String, expected: [Int]) throws {
        #expect(BirthdayTrigger(leapDay: policy).monthDays(on: try localDate(day)) == expected)
    }

    @Test("the audience condition uses the tenant's birthday column and binds the month-days")
    func audienceCondition() throws {
        let lunaria = try #require(try loadShipped().tenant("lunaria"))
        let condition = try #require(
            BirthdayTrigger(leapDay: .mar1).audienceCondition(
                on: try localDate("2027-03-01"), source: lunaria.config.audience))
        #expect(condition.sql.contains("a.\"date_of_birth\""))
        #expect(condition.parameters == ["{301,229}"])
    }
}

@Suite("RuleSchedule.nextFire")
struct RuleScheduleTests {
    private func schedule(_ tenantID: String) throws -> RuleSchedule {
        let tenant = try #require(try loadShipped().tenant(tenantID))
        // Each tenant's birthday campaign (sayakaya at 00:01 WIB, lunaria at 09:00 Amsterdam).
        let rule = try #require(tenant.rules.first { $0.id == "birthday" || $0.id == "birthday-week" })
        return RuleSchedule(rule: rule, tenant: tenant.config)
    }

    @Test(
        "the first fire strictly after now",
        arguments: [
            // sayakaya fires at 00:01 WIB (17:01 UTC the day before).
            ("sayakaya", "2026-11-25T17:00:30Z", "2026-11-26", "2026-11-25T17:01:00Z"),
            ("sayakaya", "2026-11-25T17:01:00Z", "2026-11-27", "2026-11-26T17:01:00Z"),
            ("sayakaya", "2026-11-25T16:59:59Z", "2026-11-26", "2026-11-25T17:01:00Z"),
            ("sayakaya", "2026-12-31T17:30:00Z", "2027-01-02", "2027-01-01T17:01:00Z"),
            // lunaria fires at 09:00 Amsterdam: 08:00 UTC in winter, 07:00 UTC in summer.
            ("lunaria", "2026-11-26T07:59:00Z", "2026-11-26", "2026-11-26T08:00:00Z"),
            ("lunaria", "2027-03-27T08:00:00Z", "2027-03-28", "2027-03-28T07:00:00Z"),
            ("lunaria", "2026-10-24T07:00:00Z", "2026-10-25", "2026-10-25T08:00:00Z"),
        ])
    func nextFire(tenant: String, now: String, day: String, fires: String) throws {
        let next = try #require(try schedule(tenant).nextFire(after: try utcInstant(now)))
        #expect(next.date == (try localDate(day)))
        #expect(next.instant == (try utcInstant(fires)))
    }

    @Test("an occurrence is the rule's time on that local date")
    func occurrence() throws {
        let occurrence = try schedule("sayakaya").occurrence(on: try localDate("2028-02-29"))
        #expect(occurrence.instant == (try utcInstant("2028-02-28T17:01:00Z")))
    }
}
