#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension KadoLogHandler {
    /// Now as `2026-05-10T07:08:09.123Z` (UTC, milliseconds), read from the system clock.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return timestamp(seconds: Int(now.tv_sec), nanoseconds: Int(now.tv_nsec))
    }

    /// An instant as ISO 8601 in UTC with milliseconds, as ISO8601DateFormatter writes it with
    /// `.withInternetDateTime` and `.withFractionalSeconds`. Built with `gmtime_r`, which is
    /// thread-safe, instead of a formatter per line or one shared between threads.
    static func timestamp(seconds: Int, nanoseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func digits(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let date =
            "\(digits(parts.tm_year + 1900, 4))-\(digits(parts.tm_mon + 1, 2))-\(digits(parts.tm_mday, 2))"
        let time24 = "\(digits(parts.tm_hour, 2)):\(digits(parts.tm_min, 2)):\(digits(parts.tm_sec, 2))"
        return "\(date)T\(time24).\(digits(Int32(nanoseconds / 1_000_000), 3))Z"
    }
}
