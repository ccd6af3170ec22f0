extension Duration {
    /// The duration in seconds, with its fraction.
    package var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in milliseconds, with its fraction.
    package var inMilliseconds: Double { inSeconds * 1000 }

    /// For people: `13.6 s`, `850 ms`, `2 min 5 s`.
    package var rounded: String {
        let s = inSeconds
        if s < 1 { return "\(Int((s * 1000).rounded())) ms" }
        if s < 60 { return "\((s * 10).rounded() / 10) s" }
        let whole = Int(s.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }
}
