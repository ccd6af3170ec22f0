import KadoPostgres

/// Checks a rule's audience query against the live database: the source and
/// its columns exist, and the planner can use an index (so a day's run never
/// scans the whole table), unless the trigger reads the whole audience by design.
package struct AudienceCheck: Sendable {
    package var tenant: TenantConfig
    package var rule: RuleConfig

    package init(tenant: TenantConfig, rule: RuleConfig) {
        self.tenant = tenant
        self.rule = rule
    }

    /// What the check found.
    package enum Finding: Sendable, Equatable {
        case ok(plan: String)
        /// The trigger selects the whole (filtered) audience on its dates: a sequential scan
        /// is the plan to expect, and no index is needed.
        case wholeAudience(plan: String)
        /// The query runs, but only as a sequential scan: an index is missing.
        case noIndex(suggestion: String?)
        /// The query fails: missing table, column or function.
        case broken(message: String)
    }

    /// Checks the query of the first date from `date` on which the trigger fires (a date
    /// trigger may not fire today), within a year.
    package func run(on date: LocalDate, connection c: isolated PostgresConnection) throws -> Finding {
        let firing = (0...366).lazy.map { date.adding(days: $0) }.compactMap { day in
            AudienceQuery(tenant: tenant, rule: rule, date: day, firstParameter: 1)
        }
        guard let query = firing.first else {
            return .ok(plan: "trigger does not fire in the year from \(date)")
        }
        return try c.transaction { tx in
            do {
                try tx.savepoint("kado_probe") {
                    try $0.query("SELECT * FROM (\(query.sql)) s LIMIT 0", query.parameters)
                }
            } catch let error as PostgresError {
                return .broken(message: "\(error.sqlState ?? "") \(error.message)")
            }
            if rule.trigger.readsWholeAudience {
                let plan = try tx.query("EXPLAIN \(query.sql)", query.parameters).first?.decode(
                    String.self, at: 0)
                return .wholeAudience(plan: plan ?? "")
            }
            // With sequential scans priced out, a plan that still scans the table, or reads a whole
            // index without an index condition (another index, or a partial one on the verified
            // flag alone), has no index for the trigger to use.
            try tx.execute("SET LOCAL enable_seqscan = off")
            var plan: [String] = []
            try tx.forEachRow("EXPLAIN \(query.sql)", query.parameters) { row in
                plan.append(try row.decode(String.self, at: 0))
            }
            let text = plan.joined(separator: "\n")
            if text.contains("Seq Scan") || !text.contains("Index Cond:") {
                return .noIndex(
                    suggestion: rule.trigger.suggestedIndex(
                        source: tenant.audience, verifiedOnly: rule.verifiedOnly))
            }
            return .ok(plan: plan.first ?? "")
        }
    }
}
