/// Who a rule selects on a date, without what it gives them: its verified filter, trigger and
/// conditions. An exclusive group compares rules by it.
public struct RuleAudience: Sendable {
    public var ruleID: String
    public var enabled: Bool
    public var startsOn: LocalDate?
    public var verifiedOnly: Bool
    public var trigger: any TriggerPlugin
    public var conditions: [Condition]

    public init(_ rule: RuleConfig) {
        ruleID = rule.id
        enabled = rule.enabled
        startsOn = rule.startsOn
        verifiedOnly = rule.verifiedOnly
        trigger = rule.trigger
        conditions = rule.conditions
    }

    /// Whether the rule fires on `date`: it is enabled, has started, and its trigger fires.
    public func fires(on date: LocalDate, source: AudienceSource) -> Bool {
        enabled && startsOn.map { date >= $0 } != false
            && trigger.audienceCondition(on: date, source: source) != nil
    }
}
