/// The SELECT that yields one occurrence's audience from the tenant's audience
/// source: one set-based, indexable query (verified filter plus the trigger's
/// condition), with addresses normalised (empty means none).
public struct AudienceQuery: Sendable {
    /// `SELECT user_id, name, email, phone, locale FROM ... WHERE ...`.
    public var sql: String
    /// Values for `$first...`.
    public var parameters: [String]

    /// Nil when the trigger does not fire on `date`.
    public init?(tenant: TenantConfig, rule: RuleConfig, date: LocalDate, firstParameter: Int) {
        let source = tenant.audience
        guard let condition = rule.trigger.audienceCondition(on: date, source: source) else { return nil }
        var conditions: [String] = []
        if rule.verifiedOnly { conditions.append("a.\(source.quoted(\.verified)) IS TRUE") }
        conditions.append(condition.sql)
        var where_ = conditions.joined(separator: " AND ")
        var number = firstParameter
        while let placeholder = where_.firstRange(of: "$?") {
            where_.replaceSubrange(placeholder, with: "$\(number)")
            number += 1
        }
        let consent = tenant.channels.values.compactMap { c in c.optIn.map { (channel: c.name, column: $0) } }
            .sorted { $0.channel < $1.channel }
        sql = source.recipientSelect(consent: consent) + "\n WHERE \(where_)"
        parameters = condition.parameters
    }
}
