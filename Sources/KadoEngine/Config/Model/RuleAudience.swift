/// Who a rule selects on a date, without what it gives them: its verified filter, trigger and
/// conditions. An exclusive group compares rules by it.
package struct RuleAudience: Sendable {
    package var ruleID: String
    package var enabled: Bool
    package var startsOn: LocalDate?
    package var verifiedOnly: Bool
    package var trigger: any TriggerPlugin
    package var conditions: [Condition]

    package init(_ rule: RuleConfig) {
        ruleID = rule.id
        enabled = rule.enabled
        startsOn = rule.startsOn
        verifiedOnly = rule.verifiedOnly
        trigger = rule.trigger
        conditions = rule.conditions
    }

    /// Whether the rule fires on `date`: it is enabled, has started, and its trigger fires.
    package func fires(on date: LocalDate, source: AudienceSource) -> Bool {
        enabled && startsOn.map { date >= $0 } != false
            && trigger.audienceCondition(on: date, source: source) != nil
    }
}
