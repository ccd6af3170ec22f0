import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "Anniversary, date and relative triggers on a real PostgreSQL, across leap years and DST days",
    .serialized,
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct TriggerTests {
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    /// People 7-9 seen around Amsterdam's DST changes: 2025-10-25 22:30 UTC is 00:30 CEST on
    /// the 26th; 2025-03-30 00:59 and 01:00 UTC are 01:59 CET and 03:00 CEST on the 30th.
    func people() async throws -> PeopleTable {
        let people = try await PeopleTable.make()
        try await people.connection.perform { c in
            try c.execute(
                """
                INSERT INTO people (id, name, seen) VALUES
                    (7, 'Gus Autumn', '2025-10-25 22:30:00+00'), (8, 'Hal Spring', '2025-03-30 00:59:00+00'),
                    (9, 'Ivy Spring', '2025-03-30 01:00:00+00')
                """)
        }
        return people
    }

    static let joined = PeopleTable.attribute("joined")
    static let seen = PeopleTable.attribute("seen")
    static let birthday = PeopleTable.attribute("birthday")

    @Test(
        "anniversary of a date column: every year from the first, Feb 29 by the leap-day policy, never the day itself",
        arguments: [
            // joined: 1 2020-01-15, 2 2021-06-30, 4 2019-02-28, 5 2026-03-15, 6 2000-02-29
            ("2026-01-15", nil, LeapDayPolicy.feb28, [1]),
            ("2026-01-15", [1, 5, 10], .feb28, []),  // the 6th
            ("2025-01-15", [1, 5, 10], .feb28, [1]),  // the 5th
            ("2026-02-28", nil, .feb28, [4, 6]),  // a common year: Feb 29 on Feb 28
            ("2026-02-28", nil, .mar1, [4]),
            ("2026-03-01", nil, .mar1, [6]),  // ... or on Mar 1
            ("2028-02-28", nil, .feb28, [4]),  // a leap year: Feb 29 is its own day
            ("2028-02-29", nil, .feb28, [6]),
            ("2026-02-28", [26], .feb28, [6]),
            ("2026-03-15", nil, .feb28, []),  // person 5 joined today: year 0 does not count
            ("2027-03-15", nil, .feb28, [5]),
        ] as [(String, [Int]?, LeapDayPolicy, [Int])])
    func anniversaryOfDate(date: String, years: [Int]?, policy: LeapDayPolicy, expected: [Int]) async throws {
        let people = try await people()
        let trigger = AnniversaryTrigger(attribute: Self.joined, years: years, leapDay: policy)
        let rule = PeopleTable.rule(trigger: trigger, on: Self.day(date))
        #expect(try await people.ids(rule, on: Self.day(date)) == expected)
    }

    @Test(
        "anniversary of a timestamptz: the tenant-local date, on both sides of a DST change",
        arguments: [
            ("2027-03-15", [1, 2, 4]),  // 2026-03-14 23:30 UTC (person 1) was the 15th in Amsterdam
            ("2027-03-14", []),
            ("2027-03-16", [5]),
            ("2026-03-15", []),  // the first of them: year 0
            ("2026-10-26", [7]),  // 22:30 UTC on the 25th was 00:30 CEST on the 26th
            ("2026-10-25", []),
            ("2026-03-30", [8, 9]),  // either side of the spring jump at 02:00
            ("2026-03-29", []),
        ])
    func anniversaryOfInstant(date: String, expected: [Int]) async throws {
        let people = try await people()
        let rule = PeopleTable.rule(trigger: AnniversaryTrigger(attribute: Self.seen), on: Self.day(date))
        #expect(try await people.ids(rule, on: Self.day(date)) == expected)
    }

    @Test(
        "relative: days_before and days_after a date, a timestamptz across DST, and yearly with Feb 29",
        arguments: [
            ("joined", 7, false, LeapDayPolicy.feb28, "2026-03-08", [5]),  // joined in a week
            ("joined", -60, false, .feb28, "2026-05-14", [5]),  // 60 days after joining
            ("joined", 7, false, .feb28, "2026-03-09", []),
            ("seen", 1, false, .feb28, "2025-10-25", [7]),  // tomorrow in Amsterdam, CEST
            ("seen", 1, false, .feb28, "2025-03-29", [8, 9]),
            ("birthday", 7, true, .feb28, "2026-03-08", [1, 5]),  // a week before the birthday
            ("birthday", 7, true, .feb28, "2026-02-21", [4]),  // born Feb 29: Feb 28 this year
            ("birthday", 7, true, .mar1, "2026-02-22", [4]),  // ... or Mar 1
            ("birthday", 7, true, .mar1, "2026-02-21", []),
            ("birthday", 7, true, .feb28, "2028-02-22", [4]),  // a leap year has Feb 29
        ] as [(String, Int, Bool, LeapDayPolicy, String, [Int])])
    func relative(
        attribute: String, offset: Int, yearly: Bool, policy: LeapDayPolicy, date: String, expected: [Int]
    ) async throws {
        let people = try await people()
        let trigger = RelativeTrigger(
            attribute: PeopleTable.attribute(attribute), offset: offset, yearly: yearly, leapDay: policy)
        let rule = PeopleTable.rule(trigger: trigger, on: Self.day(date))
        #expect(try await people.ids(rule, on: Self.day(date)) == expected)
    }

    @Test("date: every_year and on fire for the whole audience on their dates only; 02-29 only in leap years")
    func dateTrigger() async throws {
        let people = try await people()
        let trigger = DateTrigger(everyYear: [(12, 12), (2, 29)], on: [Self.day("2026-11-11")])
        for (date, fires) in [
            ("2026-12-12", true), ("2027-12-12", true), ("2026-12-13", false), ("2026-11-11", true),
            ("2027-11-11", false), ("2026-02-28", false), ("2026-03-01", false), ("2028-02-29", true),
        ] {
            let rule = PeopleTable.rule(trigger: trigger, on: Self.day(date))
            let ids = try await people.ids(rule, on: Self.day(date))
            #expect(ids == (fires ? Array(1...9) : nil), "\(date)")
        }
    }

    @Test("a date trigger at a time inside the spring gap fires at the first instant after it")
    func dateTriggerInDSTGap() throws {
        let tenant = ShippedConfig.lunaria.0
        var rule = ShippedConfig.lunaria.1
        rule.trigger = DateTrigger(on: [Self.day("2026-03-29")])
        rule.at = LocalTime(hour: 2, minute: 30)
        let schedule = RuleSchedule(rule: rule, tenant: tenant)
        // Amsterdam jumps from 02:00 CET to 03:00 CEST (01:00 UTC) on 2026-03-29.
        #expect(
            schedule.occurrence(on: Self.day("2026-03-29")).instant
                == Date(timeIntervalSince1970: 1_774_746_000))
        let next = try #require(schedule.nextFire(after: Date(timeIntervalSince1970: 1_772_000_000)))
        #expect(next.date == Self.day("2026-03-29"))
    }
}
