extension RuleAudience {
    /// The rule's own audience on `date` as SQL booleans over the audience source (alias `a`)
    /// that must all hold: the verified filter, the trigger's condition and the rule's
    /// conditions, each with what it means when a user fails it; nil when the trigger does not
    /// fire that day.
    func conditions(on date: LocalDate, source: AudienceSource) -> [AudienceCondition]? {
        guard let trigger = trigger.audienceCondition(on: date, source: source) else { return nil }
        var parts: [AudienceCondition] = []
        if verifiedOnly {
            parts.append(
                AudienceCondition(
                    sql: "a.\(source.quoted(\.verified)) IS TRUE", parameters: [], unmet: "not verified",
                    column: source.columns.verified))
        }
        parts.append(trigger)
        parts += conditions.map { condition in
            AudienceCondition(
                condition.sql(on: date, source: source), unmet: "does not meet \(condition.words)")
        }
        return parts
    }

    /// ``conditions(on:source:)`` as one SQL boolean.
    func predicate(on date: LocalDate, source: AudienceSource) -> SQLFragment? {
        conditions(on: date, source: source).map {
            .joined($0.map(\.fragment), separator: " AND ", empty: "TRUE")
        }
    }
}
