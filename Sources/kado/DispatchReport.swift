import KadoEngine

/// How `kado dispatch` reports what it did: counts of messages, wall time.
struct DispatchReport {
    var summary: DispatchSummary
    /// Stopped by SIGTERM/SIGINT before everything due was done.
    var stopped: Bool

    func render(_ format: OutputFormat) -> String {
        let s = summary
        switch format {
        case .text:
            var parts = ["sent \(s.sent)", "failed (will retry) \(s.retrying)", "dead \(s.dead)"]
            if s.expired > 0 { parts.append("expired \(s.expired)") }
            if s.suppressed > 0 { parts.append("suppressed \(s.suppressed)") }
            if s.deferred > 0 { parts.append("waiting for a paused channel \(s.deferred)") }
            if s.quiet > 0 { parts.append("held for quiet hours \(s.quiet)") }
            if s.capped > 0 { parts.append("capped \(s.capped)") }
            let stoppedNote = stopped ? "; stopped early, \(s.left) left for the next run" : ""
            return
                "\(s.processed) of \(s.due) due messages: \(parts.joined(separator: ", ")) in \(s.elapsed.rounded) (\(Int(s.rate.rounded())) msg/s)\(stoppedNote)"
        case .json:
            return JSONValue.object([
                ("due", .int(s.due)), ("sent", .int(s.sent)), ("failed", .int(s.retrying)),
                ("dead", .int(s.dead)),
                ("expired", .int(s.expired)), ("suppressed", .int(s.suppressed)),
                ("deferred", .int(s.deferred)), ("quiet", .int(s.quiet)), ("capped", .int(s.capped)),
                ("stopped", .bool(stopped)),
                ("seconds", .double((s.elapsed.inSeconds * 1000).rounded() / 1000)),
                ("per_second", .double(s.rate.rounded())),
            ]).rendered()
        }
    }
}
