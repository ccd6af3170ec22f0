/// The SELECT that yields one occurrence's audience from the tenant's audience source: one
/// set-based, indexable query (verified filter, the trigger's condition, the rule's
/// conditions, and for an exclusive group "not in the audience of a higher-priority rule of
/// the group firing that date"), with addresses normalised (empty means none) and the values
/// the messages show captured as `attributes`.
public struct AudienceQuery: Sendable {
    /// `SELECT user_id, name, email, phone, locale, attributes FROM ... WHERE ...`.
    public var sql: String
    /// Values for `$first...`.
    public var parameters: [String]

    /// Nil when the trigger does not fire on `date`.
    public init?(tenant: TenantConfig, rule: RuleConfig, date: LocalDate, firstParameter: Int) {
        let source = tenant.audience
        guard let own = rule.audience.predicate(on: date, source: source) else { return nil }
        // A higher-priority rule's audience is a predicate on the same row: no second scan,
        // and the order the group's rules are evaluated in does not matter.
        let outranked = rule.outranking.compactMap { higher -> SQLFragment? in
            guard higher.fires(on: date, source: source),
                let theirs = higher.predicate(on: date, source: source)
            else { return nil }
            return .concat(["(", theirs, ") IS NOT TRUE"])
        }
        let query = SQLFragment.concat([
            SQLFragment(stringLiteral: source.recipientColumns + ", "),
            rule.snapshot(on: date, source: source),
            SQLFragment(stringLiteral: " AS attributes\n  FROM \(source.quotedTable) a\n WHERE "),
            .joined([own] + outranked, separator: " AND ", empty: "TRUE"),
        ])
        sql = query.numbered(from: firstParameter)
        parameters = query.parameters
    }
}
