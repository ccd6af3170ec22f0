import Foundation
import KadoEngine
import Testing

/// A rule's trigger in words and its next occurrences, as the studio shows them.
@Suite("Schedules in words")
struct ScheduleWordsTests {
    func instant(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    @Test("the shipped rules' triggers in words")
    func words() {
        let (sayakaya, birthday) = ShippedConfig.sayakaya
        #expect(RuleSchedule(rule: birthday, tenant: sayakaya).words == "every day at 00:01 Asia/Jakarta")
        #expect(
            birthday.trigger.audienceSummary
                == "users whose birthday (month and day) is that day; 29 February birthdays on 28 February in common years"
        )
        let (lunaria, week) = ShippedConfig.lunaria
        #expect(
            RuleSchedule(rule: week, tenant: lunaria).words
                == "every day at 09:00 Europe/Amsterdam; a missed run is still made up to 1 day later")
        var paused = week
        paused.enabled = false
        #expect(RuleSchedule(rule: paused, tenant: lunaria).words == "disabled (enabled: false)")
        var later = birthday
        later.startsOn = LocalDate("2027-01-01")
        #expect(
            RuleSchedule(rule: later, tenant: sayakaya).words
                == "every day at 00:01 Asia/Jakarta, from 2027-01-01")
    }

    @Test("the next occurrences follow the tenant's clock across a DST change")
    func upcomingAcrossDST() {
        let (lunaria, week) = ShippedConfig.lunaria
        let fires = RuleSchedule(rule: week, tenant: lunaria).upcoming(
            after: instant("2026-03-28T12:00:00Z"), count: 3)
        #expect(fires.map(\.date.description) == ["2026-03-29", "2026-03-30", "2026-03-31"])
        // 09:00 in Amsterdam is 08:00 UTC in winter and 07:00 UTC from March 29.
        #expect(
            fires.map(\.instant) == [
                instant("2026-03-29T07:00:00Z"), instant("2026-03-30T07:00:00Z"),
                instant("2026-03-31T07:00:00Z"),
            ])
        let today = RuleSchedule(rule: week, tenant: lunaria).upcoming(
            after: instant("2026-03-27T07:59:00Z"), count: 1)
        #expect(
            today.first?.instant == instant("2026-03-27T08:00:00Z"),
            "later today when today's time is still ahead")
    }

    @Test("no occurrence before starts_on")
    func startsOn() {
        var (sayakaya, birthday) = ShippedConfig.sayakaya
        birthday.startsOn = LocalDate("2027-01-01")
        sayakaya.name = "SayaKaya"
        let fires = RuleSchedule(rule: birthday, tenant: sayakaya).upcoming(
            after: instant("2026-12-01T00:00:00Z"), count: 2)
        #expect(fires.map(\.date.description) == ["2027-01-01", "2027-01-02"])
        #expect(fires.first?.instant == instant("2026-12-31T17:01:00Z"))
    }
}
