import Foundation

/// ISO 8601 / RFC 3339 timestamps in UTC (`2026-12-01T09:30:00Z`), written by hand:
/// no formatter objects, safe from any thread.
package enum ISO8601 {
    /// `YYYY-MM-DDTHH:MM:SSZ`, or with milliseconds (`...:SS.mmmZ`).
    package static func string(_ date: Date, milliseconds: Bool = false) -> String {
        var seconds = date.timeIntervalSince1970
        var millis = 0
        if milliseconds {
            let whole = seconds.rounded(.down)
            millis = min(999, Int(((seconds - whole) * 1000).rounded()))
            seconds = whole
        }
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = "\(Int(parts.tm_year) + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
        text += "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        if milliseconds { text += "." + (millis < 10 ? "00" : millis < 100 ? "0" : "") + String(millis) }
        return text + "Z"
    }

    /// The same instant as the wall clock of a zone `offset` seconds east of UTC, with
    /// that offset: `2026-03-16T00:00:00+07:00` (`Z` for UTC).
    package static func string(_ date: Date, offsetSeconds offset: Int, milliseconds: Bool = false) -> String
    {
        let local = string(date.addingTimeInterval(TimeInterval(offset)), milliseconds: milliseconds)
            .dropLast()
        guard offset != 0 else { return local + "Z" }
        let sign = offset < 0 ? "-" : "+"
        let hours = Int32(abs(offset) / 3600)
        let minutes = Int32((abs(offset) % 3600) / 60)
        return local + sign + two(hours) + ":" + two(minutes)
    }

    private static func two(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
