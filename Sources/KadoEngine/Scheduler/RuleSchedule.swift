import Foundation

/// When a rule fires: its trigger time on each local date, in its tenant's zone.
public struct RuleSchedule: Sendable {
    public var rule: RuleConfig
    public var tenant: TenantConfig

    public init(rule: RuleConfig, tenant: TenantConfig) {
        self.rule = rule
        self.tenant = tenant
    }

    /// One firing: the tenant-local occurrence date and the instant it is due.
    public struct Occurrence: Sendable, Hashable {
        public var date: LocalDate
        public var instant: Date
    }

    /// The occurrence on a local date (its trigger instant, DST-resolved).
    public func occurrence(on date: LocalDate) -> Occurrence {
        Occurrence(date: date, instant: tenant.clock.instant(of: date, at: rule.at))
    }

    /// The next `count` occurrences strictly after `now`, none before the rule's `starts_on`.
    public func upcoming(after now: Date, count: Int) -> [Occurrence] {
        guard count > 0, var next = nextFire(after: now) else { return [] }
        if let startsOn = rule.startsOn, next.date < startsOn { next = occurrence(on: startsOn) }
        return (0..<count).map { occurrence(on: next.date.adding(days: $0)) }
    }

    /// The first occurrence strictly after `now`.
    public func nextFire(after now: Date) -> Occurrence? {
        let today = tenant.clock.localDate(at: now)
        for offset in -1...366 {
            let candidate = occurrence(on: today.adding(days: offset))
            if candidate.instant > now { return candidate }
        }
        return nil
    }
}
