import KadoPostgres

/// Whether one user is in a rule's audience for an occurrence, and if not, why: the
/// occurrence's own ``AudienceQuery`` run for that user id, beside each of its
/// conditions evaluated on its own, in one statement. Nothing is guessed: a user is a
/// member exactly when the evaluator would select them, and every reason is a condition
/// of that query the user fails, with the value of the column that fails it.
package struct AudienceMembership: Sendable, Hashable {
    package var userID: Int
    package var date: LocalDate
    /// Whether the occurrence's audience query selects the user.
    package var isMember: Bool
    /// Why not, one line per failed condition: "not verified (verified_status is false)".
    package var reasons: [String]

    package init(userID: Int, date: LocalDate, isMember: Bool, reasons: [String]) {
        self.userID = userID
        self.date = date
        self.isMember = isMember
        self.reasons = reasons
    }

    /// Checks `userID` against `rule`'s audience on `date`; nil when the user is not in
    /// the tenant's audience source at all. Reads only.
    package static func check(
        userID: Int, tenant: TenantConfig, rule: RuleConfig, date: LocalDate,
        connection c: isolated PostgresConnection
    ) throws -> AudienceMembership? {
        guard let audience = AudienceQuery(tenant: tenant, rule: rule, date: date, firstParameter: 1) else {
            return AudienceMembership(
                userID: userID, date: date, isMember: false,
                reasons: ["the rule does not fire on \(date)"])
        }
        let source = tenant.audience
        let user = "$\(audience.parameters.count + 1)::bigint"
        var columns = ["EXISTS (SELECT 1 FROM (\(audience.sql)) s WHERE s.user_id = \(user))"]
        for condition in audience.conditions {
            columns.append("(\(condition.sql)) IS TRUE")
            columns.append(condition.column.map { "a.\(AudienceSource.quote($0))::text" } ?? "NULL::text")
        }
        let sql = """
            SELECT \(columns.joined(separator: ", "))
              FROM \(source.quotedTable) a
             WHERE a.\(source.quoted(\.id)) = \(user)
            """
        let parameters: [(any PostgresEncodable)?] = audience.parameters.map { $0 } + [userID]
        guard let row = try c.query(sql, parameters).first else { return nil }
        let isMember = try row.decode(Bool.self, at: 0)
        var reasons: [String] = []
        for (index, condition) in audience.conditions.enumerated() {
            guard try !row.decode(Bool.self, at: 1 + 2 * index) else { continue }
            let value = try row.decode(String?.self, at: 2 + 2 * index)
            reasons.append(Self.reason(condition, value: value, table: source.table))
        }
        if !isMember && reasons.isEmpty {
            reasons.append("not selected by the audience query of \(date)")
        }
        return AudienceMembership(userID: userID, date: date, isMember: isMember, reasons: reasons)
    }

    /// `birthday not on 20 November (members.date_of_birth is 1990-03-15)`.
    static func reason(_ condition: AudienceCondition, value: String?, table: String) -> String {
        guard let column = condition.column else { return condition.unmet }
        return
            "\(condition.unmet) (\(table).\(column) is \(value.map { $0.isEmpty ? "empty" : $0 } ?? "NULL"))"
    }
}
