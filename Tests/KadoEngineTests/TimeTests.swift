import Foundation
import KadoEngine
import Testing

/// An instant from ISO 8601 text such as `2026-11-25T17:01:00Z`.
func utcInstant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Date {
    try #require(
        ISO8601DateFormatter().date(from: text), "bad instant \(text)", sourceLocation: sourceLocation)
}

/// A date from `YYYY-MM-DD`.
func localDate(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> LocalDate {
    try #require(LocalDate(text), "bad date \(text)", sourceLocation: sourceLocation)
}

@Suite("LocalDate")
struct LocalDateTests {
    @Test(
        "parses real dates",
        arguments: ["2026-11-26", "2024-02-29", "2000-02-29", "1970-01-01", "0001-01-01", "2026-12-31"])
    func parses(text: String) throws {
        let parsed = try localDate(text)
        #expect(parsed.description == text)
    }

    @Test(
        "rejects malformed or impossible dates",
        arguments: [
            "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01",
            "26-01-01",
            "2026/01/01", "2026-01-01T00:00", "", "abcd-ef-gh", "+202-01-01", "2026-01-01 ",
            "2026-01-0\u{0661}",
        ])
    func rejects(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test("leap years")
    func leapYears() {
        #expect(LocalDate.isLeap(2024))
        #expect(LocalDate.isLeap(2000))
        #expect(!LocalDate.isLeap(1900))
        #expect(!LocalDate.isLeap(2026))
        #expect(LocalDate.daysIn(month: 2, year: 2028) == 29)
        #expect(LocalDate.daysIn(month: 2, year: 2100) == 28)
    }

    @Test(
        "days since the epoch",
        arguments: [
            ("1970-01-01", 0), ("2000-03-01", 11017), ("2026-11-26", 20783), ("0001-01-01", -719162),
            ("1969-12-31", -1),
        ])
    func epochDays(text: String, days: Int) throws {
        #expect(try localDate(text).daysSinceEpoch == days)
        #expect(LocalDate(daysSinceEpoch: days) == (try localDate(text)))
    }

    @Test("epoch round trip over 1900...2200, each day one after the previous")
    func roundTrip() throws {
        var previous = try localDate("1899-12-31")
        for days in try localDate("1900-01-01").daysSinceEpoch...(try localDate("2200-12-31").daysSinceEpoch)
        {
            let current = LocalDate(daysSinceEpoch: days)
            #expect(current.daysSinceEpoch == days)
            let next: LocalDate =
                previous.day < LocalDate.daysIn(month: previous.month, year: previous.year)
                ? LocalDate(year: previous.year, month: previous.month, day: previous.day + 1)
                : previous.month < 12
                    ? LocalDate(year: previous.year, month: previous.month + 1, day: 1)
                    : LocalDate(year: previous.year + 1, month: 1, day: 1)
            if current != next {
                Issue.record("after \(previous) came \(current), expected \(next)")
                return
            }
            previous = current
        }
        #expect(previous == (try localDate("2200-12-31")))
    }

    @Test("adding days across month, year and leap-day boundaries")
    func adding() throws {
        #expect(try localDate("2028-02-28").adding(days: 1) == (try localDate("2028-02-29")))
        #expect(try localDate("2026-02-28").adding(days: 1) == (try localDate("2026-03-01")))
        #expect(try localDate("2026-12-31").adding(days: 1) == (try localDate("2027-01-01")))
        #expect(try localDate("2026-01-01").adding(days: -1) == (try localDate("2025-12-31")))
        #expect(try localDate("2026-11-26").adding(days: 7) == (try localDate("2026-12-03")))
    }

    @Test("ordering, padding and JSON")
    func orderingAndCoding() throws {
        #expect(try localDate("2026-01-31") < (try localDate("2026-02-01")))
        #expect(LocalDate(year: 33, month: 1, day: 5).description == "0033-01-05")
        let data = try JSONEncoder().encode([try localDate("2026-11-26")])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-11-26\"]")
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [try localDate("2026-11-26")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data("[\"2026-02-29\"]".utf8))
        }
    }
}

@Suite("LocalTime")
struct LocalTimeTests {
    @Test(
        "parses HH:MM", arguments: [("00:01", 0, 1), ("09:00", 9, 0), ("23:59", 23, 59), ("12:30", 12, 30)])
    func parses(text: String, hour: Int, minute: Int) throws {
        let time = try #require(LocalTime(text))
        #expect(time.hour == hour)
        #expect(time.minute == minute)
        #expect(time.description == text)
        #expect(time.secondsSinceMidnight == hour * 3600 + minute * 60)
    }

    @Test(
        "rejects anything else",
        arguments: [
            "25:00", "24:00", "7:30", "07:60", "0730", "07:30:00", " 07:30", "07:3", "-1:00", "٠٧:٣٠", "",
            "ab:cd",
        ])
    func rejects(text: String) {
        #expect(LocalTime(text) == nil)
    }
}

@Suite("TenantClock")
struct TenantClockTests {
    private func clock(_ zone: String) throws -> TenantClock {
        try #require(TenantClock(identifier: zone))
    }

    @Test(
        "a local date and time to an instant",
        arguments: [
            // Jakarta is UTC+7 all year: 00:01 WIB on the 26th is 17:01 UTC on the 25th.
            ("Asia/Jakarta", "2026-11-26", "00:01", "2026-11-25T17:01:00Z"),
            // Amsterdam in winter (+1) and summer (+2).
            ("Europe/Amsterdam", "2026-11-26", "09:00", "2026-11-26T08:00:00Z"),
            ("Europe/Amsterdam", "2026-07-01", "09:00", "2026-07-01T07:00:00Z"),
            // Santiago: midnight does not exist on 2026-09-06 (clocks jump 00:00 -> 01:00):
            // the first instant after the gap.
            ("America/Santiago", "2026-09-06", "00:00", "2026-09-06T04:00:00Z"),
            ("America/Santiago", "2026-09-06", "00:30", "2026-09-06T04:00:00Z"),
            ("America/Santiago", "2026-09-06", "01:00", "2026-09-06T04:00:00Z"),
            // Amsterdam spring gap: 02:30 on 2026-03-29 does not exist; clocks jump at 01:00 UTC.
            ("Europe/Amsterdam", "2026-03-29", "02:30", "2026-03-29T01:00:00Z"),
            // Amsterdam autumn overlap: 02:30 on 2026-10-25 happens twice; the earlier (CEST) wins.
            ("Europe/Amsterdam", "2026-10-25", "02:30", "2026-10-25T00:30:00Z"),
            ("Europe/Amsterdam", "2026-10-25", "03:00", "2026-10-25T02:00:00Z"),
            ("UTC", "2026-01-01", "00:00", "2026-01-01T00:00:00Z"),
        ])
    func instantOf(zone: String, day: String, time: String, expected: String) throws {
        let localTime = try #require(LocalTime(time))
        #expect(try clock(zone).instant(of: try localDate(day), at: localTime) == (try utcInstant(expected)))
    }

    @Test("an instant to the local date and time")
    func localDateAndTime() throws {
        let jakarta = try clock("Asia/Jakarta")
        let moment = try utcInstant("2026-11-25T17:01:00Z")
        #expect(jakarta.localDate(at: moment) == (try localDate("2026-11-26")))
        #expect(jakarta.localTime(at: moment) == LocalTime(hour: 0, minute: 1))
        #expect(jakarta.format(moment) == "2026-11-26 00:01 +07:00 (Asia/Jakarta)")
        let santiago = try clock("America/Santiago")
        let west = try utcInstant("2026-11-25T02:59:00Z")
        #expect(santiago.localDate(at: west) == (try localDate("2026-11-24")))
        #expect(santiago.format(west) == "2026-11-24 23:59 -03:00 (America/Santiago)")
    }

    @Test("the start of a day whose midnight is skipped")
    func startOfDay() throws {
        #expect(
            try clock("America/Santiago").startOfDay(try localDate("2026-09-06"))
                == (try utcInstant("2026-09-06T04:00:00Z")))
        #expect(
            try clock("Asia/Jakarta").startOfDay(try localDate("2026-11-26"))
                == (try utcInstant("2026-11-25T17:00:00Z")))
    }

    @Test(
        "every day of a year round-trips at 09:00 in a zone with daylight saving",
        arguments: ["Europe/Amsterdam", "America/Santiago", "Asia/Jakarta"])
    func yearRoundTrip(zone: String) throws {
        let clock = try clock(zone)
        let nine = LocalTime(hour: 9, minute: 0)
        let first = try localDate("2026-01-01")
        for offset in 0..<365 {
            let day = first.adding(days: offset)
            let moment = clock.instant(of: day, at: nine)
            #expect(clock.localDate(at: moment) == day)
            #expect(clock.localTime(at: moment) == nine)
        }
    }

    @Test("unknown zones are rejected")
    func unknownZone() {
        #expect(TenantClock(identifier: "Mars/Olympus_Mons") == nil)
    }
}
