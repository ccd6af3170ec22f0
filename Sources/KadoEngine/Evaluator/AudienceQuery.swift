/// The SELECT that yields one occurrence's audience from the tenant's audience source: one
/// set-based, indexable query (verified filter, the trigger's condition, the rule's
/// conditions, and for an exclusive group "not in the audience of a higher-priority rule of
/// the group firing that date"), with addresses normalised (empty means none) and the values
/// the messages show captured as `attributes`.
package struct AudienceQuery: Sendable {
    /// `SELECT user_id, name, email, phone, locale, attributes FROM ... WHERE ...`.
    package var sql: String
    /// Values for `$first...`.
    package var parameters: [String]
    /// The conditions `sql` joins with AND, in order, their placeholders numbered as in
    /// `sql` (``AudienceMembership`` evaluates them one by one for a user).
    package var conditions: [AudienceCondition]

    /// Nil when the trigger does not fire on `date`.
    package init?(tenant: TenantConfig, rule: RuleConfig, date: LocalDate, firstParameter: Int) {
        let source = tenant.audience
        guard let conditions = Self.conditions(tenant: tenant, rule: rule, date: date) else { return nil }
        let consent = tenant.channels.values.compactMap { c in c.optIn.map { (channel: c.name, column: $0) } }
            .sorted { $0.channel < $1.channel }
        let snapshot = rule.snapshot(on: date, source: source)
        var number = firstParameter + snapshot.parameters.count
        self.conditions = conditions.map { condition in
            var numbered = condition
            numbered.sql = condition.fragment.numbered(from: number)
            number += condition.parameters.count
            return numbered
        }
        let select = SQLFragment.concat([
            SQLFragment(stringLiteral: source.recipientColumns(consent: consent) + ", "),
            snapshot,
            SQLFragment(stringLiteral: " AS attributes\n  FROM \(source.quotedTable) a\n WHERE "),
        ])
        let conditionsSQL =
            self.conditions.isEmpty
            ? "TRUE" : self.conditions.map { "(\($0.sql))" }.joined(separator: " AND ")
        sql = select.numbered(from: firstParameter) + conditionsSQL
        parameters = snapshot.parameters + conditions.flatMap(\.parameters)
    }

    /// What a user must meet to be in the occurrence's audience: the rule's verified filter,
    /// the trigger's condition, the rule's conditions, and for an exclusive group not being in
    /// the audience of a higher-priority rule of the group firing that date (a predicate on the
    /// same row: no second scan, and the order the group's rules are evaluated in does not
    /// matter); nil when the trigger does not fire on `date`.
    static func conditions(tenant: TenantConfig, rule: RuleConfig, date: LocalDate) -> [AudienceCondition]? {
        let source = tenant.audience
        guard var conditions = rule.audience.conditions(on: date, source: source) else { return nil }
        for higher in rule.outranking {
            guard higher.fires(on: date, source: source),
                let theirs = higher.predicate(on: date, source: source)
            else { continue }
            conditions.append(
                AudienceCondition(
                    .concat(["(", theirs, ") IS NOT TRUE"]),
                    unmet:
                        "in the audience of rule '\(higher.ruleID)', which outranks it in its exclusive group"
                ))
        }
        return conditions
    }
}
