import KadoPostgres

/// Evaluating one occurrence failed because of the rule or its tenant (a missing
/// table or column, a type mismatch, a permission), not because the database went
/// away. Carries what an operator needs to act; `description` is safe to log.
package struct EvaluationFailure: Error, CustomStringConvertible, Sendable {
    package var tenantID: String
    package var ruleID: String
    package var date: LocalDate
    package var error: PostgresError
    /// What to check, in the tenant's own terms.
    package var hint: String?

    package init(tenant: TenantConfig, rule: RuleConfig, date: LocalDate, error: PostgresError) {
        self.tenantID = tenant.id
        self.ruleID = rule.id
        self.date = date
        self.error = error
        self.hint = Self.hint(for: error, tenant: tenant)
    }

    /// The cause and the hint on one line, as stored in `kado_runs.detail`.
    package var reason: String {
        "\(error)" + (hint.map { "; \($0)" } ?? "")
    }

    package var description: String {
        "\(tenantID)/\(ruleID) \(date): \(reason)"
    }

    /// Points to the tenant's own config for its audience source, and to `kado migrate`
    /// only for kado's own tables.
    static func hint(for error: PostgresError, tenant: TenantConfig) -> String? {
        let source = tenant.audience
        switch error.sqlState {
        case "42P01":
            if KadoTables.tenantTables.contains(where: { error.message.contains("\"\($0)\"") }) {
                return "kado's tables are missing: run `kado migrate up`"
            }
            return
                "the audience table '\(source.table)' of tenant '\(tenant.id)' does not exist in this database: check audience.table in \(tenant.file) (`kado doctor` checks every tenant)"
        case "42703":
            if KadoTables.tenantTables.contains(where: { error.message.contains("of relation \"\($0)\"") }) {
                return "kado's tables are older than this kado: run `kado migrate up`"
            }
            return
                "a column named in audience.columns or audience.attributes of \(tenant.file) does not exist in '\(source.table)' (`kado doctor` checks every tenant)"
        case "42501":
            return "kado's database user may not read '\(source.table)': grant it SELECT"
        case "42883"
        where error.message.contains("kado_local_date(")
            && !["date", "timestamp with time zone", "timestamp without time zone"].contains(where: {
                error.message.contains("kado_local_date(\($0),")
            }):
            return
                "a date attribute of tenant '\(tenant.id)' names a column of '\(source.table)' that is not a date, timestamp or timestamptz (`kado doctor` checks)"
        case "42883" where error.message.contains("kado_"):
            return "kado's functions are missing or older than this kado: run `kado migrate up`"
        case "42804", "42883", "22P02", "22007", "22008":
            return
                "a column of '\(source.table)' has a type kado cannot use for its role or attribute in \(tenant.file) (`kado doctor` checks)"
        default:
            return nil
        }
    }
}
