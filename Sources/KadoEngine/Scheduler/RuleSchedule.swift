import Foundation

/// When a rule fires: its trigger time on each local date, in its tenant's zone.
package struct RuleSchedule: Sendable {
    package var rule: RuleConfig
    package var tenant: TenantConfig

    package init(rule: RuleConfig, tenant: TenantConfig) {
        self.rule = rule
        self.tenant = tenant
    }

    /// One firing: the tenant-local occurrence date and the instant it is due.
    package struct Occurrence: Sendable, Hashable {
        package var date: LocalDate
        package var instant: Date
    }

    /// The occurrence on a local date (its trigger instant, DST-resolved).
    package func occurrence(on date: LocalDate) -> Occurrence {
        Occurrence(date: date, instant: tenant.clock.instant(of: date, at: rule.at))
    }

    /// The next `count` occurrences strictly after `now` on dates the trigger fires, none
    /// before the rule's `starts_on` (fewer when it fires on fewer in the year after).
    package func upcoming(after now: Date, count: Int) -> [Occurrence] {
        guard count > 0, let next = nextFire(after: now) else { return [] }
        var date = next.date
        if let startsOn = rule.startsOn, date < startsOn { date = startsOn }
        var found: [Occurrence] = []
        for offset in 0...366 where found.count < count {
            let day = date.adding(days: offset)
            if rule.trigger.audienceCondition(on: day, source: tenant.audience) != nil {
                found.append(occurrence(on: day))
            }
        }
        return found
    }

    /// The first occurrence strictly after `now` on a date the trigger fires (a date trigger's
    /// dates only; a birthday, anniversary or relative trigger fires every day); nil when it
    /// fires on none of the next 366 days.
    package func nextFire(after now: Date) -> Occurrence? {
        let today = tenant.clock.localDate(at: now)
        for offset in -1...366 {
            let day = today.adding(days: offset)
            let candidate = occurrence(on: day)
            if candidate.instant > now,
                rule.trigger.audienceCondition(on: day, source: tenant.audience) != nil
            {
                return candidate
            }
        }
        return nil
    }
}
