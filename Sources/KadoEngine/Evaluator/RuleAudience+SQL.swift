extension RuleAudience {
    /// The rule's own audience on `date` as a SQL boolean over the audience source (alias `a`):
    /// the verified filter, the trigger's condition and the rule's conditions; nil when the
    /// trigger does not fire that day.
    func predicate(on date: LocalDate, source: AudienceSource) -> SQLFragment? {
        guard let trigger = trigger.audienceCondition(on: date, source: source) else { return nil }
        var parts: [SQLFragment] = []
        if verifiedOnly { parts.append(SQLFragment(stringLiteral: "a.\(source.quoted(\.verified)) IS TRUE")) }
        parts.append(trigger)
        parts += conditions.map { $0.sql(on: date, source: source) }
        return .joined(parts, separator: " AND ", empty: "TRUE")
    }
}
