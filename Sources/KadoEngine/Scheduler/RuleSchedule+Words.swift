extension RuleSchedule {
    /// When the rule fires, in words: "every day at 00:01 Asia/Jakarta", with its first
    /// date and catch-up window when it has them ("disabled" for a paused rule).
    package var words: String {
        guard rule.enabled else { return "disabled (enabled: false)" }
        var text = "every day at \(rule.at) \(tenant.timeZone)"
        if let startsOn = rule.startsOn { text += ", from \(startsOn)" }
        if rule.catchUpDays > 0 {
            text +=
                "; a missed run is still made up to \(rule.catchUpDays) day\(rule.catchUpDays == 1 ? "" : "s") later"
        }
        return text
    }
}
