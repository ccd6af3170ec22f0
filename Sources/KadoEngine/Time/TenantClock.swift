import Foundation

/// Converts between instants and a tenant's wall clock, deterministically across
/// daylight-saving changes: a local time that does not exist (in the spring gap)
/// resolves to the first instant after the gap; one that occurs twice (in the
/// autumn overlap) resolves to the earlier instant.
package struct TenantClock: Sendable {
    package let timeZone: TimeZone

    package init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    package init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(timeZone: zone)
    }

    /// The tenant's local date at `instant`.
    package func localDate(at instant: Date) -> LocalDate {
        let local = Int(
            (instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))).rounded(.down))
        return LocalDate(daysSinceEpoch: Int((Double(local) / 86400).rounded(.down)))
    }

    /// The tenant's wall-clock time at `instant`, as `HH:MM`.
    package func localTime(at instant: Date) -> LocalTime {
        let local = Int(
            (instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))).rounded(.down))
        let seconds = ((local % 86400) + 86400) % 86400
        return LocalTime(hour: seconds / 3600, minute: (seconds % 3600) / 60)
    }

    /// The instant at which the wall clock shows `time` on `date`.
    package func instant(of date: LocalDate, at time: LocalTime) -> Date {
        instant(of: date, secondsSinceMidnight: time.secondsSinceMidnight)
    }

    /// The instant of local `date` + `seconds` since midnight (gap and overlap resolved as above).
    package func instant(of date: LocalDate, secondsSinceMidnight seconds: Int) -> Date {
        let naive = Double(date.daysSinceEpoch * 86400 + seconds)
        let before = Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: naive - 86400)))
        let after = Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: naive + 86400)))
        var candidates: [Double] = []
        for offset in Set([before, after]) {
            let t = naive - offset
            if Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: t))) == offset {
                candidates.append(t)
            }
        }
        if let earliest = candidates.min() { return Date(timeIntervalSince1970: earliest) }
        // In a gap: the clock jumps past this time; fire at the jump itself.
        let searchFrom = Date(timeIntervalSince1970: naive - max(before, after) - 1)
        if let transition = timeZone.nextDaylightSavingTimeTransition(after: searchFrom) {
            return transition
        }
        return Date(timeIntervalSince1970: naive - before)
    }

    /// The first instant of local `date` (its midnight, or the end of a midnight gap).
    package func startOfDay(_ date: LocalDate) -> Date {
        instant(of: date, secondsSinceMidnight: 0)
    }
}
