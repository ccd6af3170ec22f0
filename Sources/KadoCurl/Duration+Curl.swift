extension Duration {
    /// Whole milliseconds for libcurl's `*_MS` options: at least 1 for any positive
    /// duration (0 would mean "no limit"), 0 for zero or negative durations.
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds > 0 || attoseconds > 0 else { return 0 }
        let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return Int(Int32.max) }
        return max(1, Int(millis + attoseconds / 1_000_000_000_000_000))
    }
}
