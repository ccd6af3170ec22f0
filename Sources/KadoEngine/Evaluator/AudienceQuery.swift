/// The SELECT that yields one occurrence's audience from the tenant's audience
/// source: one set-based, indexable query (verified filter plus the trigger's
/// condition), with addresses normalised (empty means none).
public struct AudienceQuery: Sendable {
    /// `SELECT user_id, name, email, phone, locale FROM ... WHERE ...`.
    public var sql: String
    /// Values for `$first...`.
    public var parameters: [String]
    /// The conditions `sql` joins with AND, in order, their placeholders numbered as in
    /// `sql` (``AudienceMembership`` evaluates them one by one for a user).
    public var conditions: [AudienceCondition]

    /// Nil when the trigger does not fire on `date`.
    public init?(tenant: TenantConfig, rule: RuleConfig, date: LocalDate, firstParameter: Int) {
        guard let conditions = Self.conditions(tenant: tenant, rule: rule, date: date) else { return nil }
        var number = firstParameter
        var numbered: [AudienceCondition] = []
        for var condition in conditions {
            while let placeholder = condition.sql.firstRange(of: "$?") {
                condition.sql.replaceSubrange(placeholder, with: "$\(number)")
                number += 1
            }
            numbered.append(condition)
        }
        self.conditions = numbered
        let consent = tenant.channels.values.compactMap { c in c.optIn.map { (channel: c.name, column: $0) } }
            .sorted { $0.channel < $1.channel }
        sql =
            tenant.audience.recipientSelect(consent: consent)
            + "\n WHERE \(numbered.map(\.sql).joined(separator: " AND "))"
        parameters = numbered.flatMap(\.parameters)
    }

    /// What a user must meet to be in the occurrence's audience: the rule's verified
    /// filter, then the trigger's condition; nil when the trigger does not fire on `date`.
    static func conditions(tenant: TenantConfig, rule: RuleConfig, date: LocalDate) -> [AudienceCondition]? {
        let source = tenant.audience
        guard let trigger = rule.trigger.audienceCondition(on: date, source: source) else { return nil }
        var conditions: [AudienceCondition] = []
        if rule.verifiedOnly {
            conditions.append(
                AudienceCondition(
                    sql: "a.\(source.quoted(\.verified)) IS TRUE", parameters: [], unmet: "not verified",
                    column: source.columns.verified))
        }
        conditions.append(trigger)
        return conditions
    }
}
