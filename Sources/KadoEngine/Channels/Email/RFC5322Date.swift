import Foundation

/// The `Date` header format of RFC 5322 3.3, always in UTC:
/// `Wed, 25 Nov 2026 17:01:00 +0000`. Computed from the epoch seconds (no calendar
/// or formatter per message).
enum RFC5322Date {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// `date` to the second (fractions are dropped).
    static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400)
        let time = seconds - days * 86400
        let day = LocalDate(daysSinceEpoch: days)
        // 1 January 1970 was a Thursday.
        let weekday = weekdays[((days % 7) + 11) % 7]
        let month = months[(day.month - 1) % 12]
        return "\(weekday), \(two(day.day)) \(month) \(day.year) "
            + "\(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60)) +0000"
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
