import Foundation

extension TenantClock {
    /// `2026-11-26 00:01 +07:00 (Asia/Jakarta)`: the local wall clock and its offset.
    package func format(_ instant: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600
        let minutes = (abs(offset) % 3600) / 60
        let hh = hours < 10 ? "0\(hours)" : "\(hours)"
        let mm = minutes < 10 ? "0\(minutes)" : "\(minutes)"
        return
            "\(localDate(at: instant)) \(localTime(at: instant)) \(sign)\(hh):\(mm) (\(timeZone.identifier))"
    }
}
