import KadoPostgres

/// Checks a tenant's declared attributes against the live database: each column exists in the
/// audience source, and its type fits the declared type (`integer` on a `text` column, `date`
/// on a `varchar` one are mistakes conditions would fail on).
package struct AttributeCheck: Sendable {
    package var tenant: TenantConfig

    package init(tenant: TenantConfig) {
        self.tenant = tenant
    }

    /// What the check found for one attribute.
    package struct Finding: Sendable, Equatable {
        package var attribute: String
        package var column: String
        /// The column's type as PostgreSQL writes it, when the column exists.
        package var columnType: String?
        /// What is wrong, or nil when the column fits.
        package var problem: String?
    }

    /// One finding per declared attribute; empty when the audience source does not exist (the
    /// rules' checks report that).
    package func run(connection c: isolated PostgresConnection) throws -> [Finding] {
        let source = tenant.audience
        var columns: [String: (shown: String, base: String, category: String)] = [:]
        let rows = try c.query(
            """
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), coalesce(b.typname, t.typname)::text,
                   coalesce(b.typcategory, t.typcategory)::text
              FROM pg_attribute a
              JOIN pg_type t ON t.oid = a.atttypid
              LEFT JOIN pg_type b ON t.typtype = 'd' AND b.oid = t.typbasetype
             WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
            """, [source.quotedTable])
        for row in rows {
            let (name, shown, base, category) = try row.decode((String, String, String, String).self)
            columns[name] = (shown, base, category)
        }
        guard !columns.isEmpty else { return [] }
        return source.attributes.compactMap { attribute in
            finding(for: attribute, columns: columns)
        } + zoneFinding(columns: columns)
    }

    /// The users' zone column (`audience.columns.timezone`), when declared: it must exist and
    /// hold text (zone names such as Asia/Makassar).
    private func zoneFinding(columns: [String: (shown: String, base: String, category: String)]) -> [Finding]
    {
        guard let column = tenant.audience.columns.timezone else { return [] }
        let name = "timezone (audience.columns.timezone)"
        guard let found = columns[column] else {
            return [
                Finding(
                    attribute: name, column: column, columnType: nil,
                    problem:
                        "column '\(column)' does not exist in \(tenant.audience.table)\(Suggestion.hint(for: column, in: Array(columns.keys)))"
                )
            ]
        }
        return [
            Finding(
                attribute: name, column: column, columnType: found.shown,
                problem: found.category == "S"
                    ? nil : "column '\(column)' is \(found.shown); it must hold IANA zone names as text")
        ]
    }

    private func finding(
        for attribute: Attribute, columns: [String: (shown: String, base: String, category: String)]
    ) -> Finding? {
        let source = tenant.audience
        guard case .column(let column) = attribute.source else { return nil }
        guard let found = columns[column] else {
            return Finding(
                attribute: attribute.name, column: column, columnType: nil,
                problem:
                    "column '\(column)' does not exist in \(source.table)\(Suggestion.hint(for: column, in: Array(columns.keys)))"
            )
        }
        let fits = Self.fits(attribute.type, base: found.base, category: found.category)
        return Finding(
            attribute: attribute.name, column: column, columnType: found.shown,
            problem: fits
                ? nil
                : "declared \(attribute.type.rawValue), but column '\(column)' is \(found.shown)\(Self.advice(base: found.base, category: found.category))"
        )
    }

    /// Whether a column of this base type (and type category) can hold a `type` attribute.
    static func fits(_ type: AttributeType, base: String, category: String) -> Bool {
        switch type {
        case .string: return !["N", "B", "D"].contains(category)
        case .integer: return ["int2", "int4", "int8"].contains(base)
        case .number: return category == "N"
        case .boolean: return base == "bool"
        case .date: return ["date", "timestamp", "timestamptz"].contains(base)
        }
    }

    /// "; declare it integer" when another type fits.
    static func advice(base: String, category: String) -> String {
        let fitting = AttributeType.allCases.filter { fits($0, base: base, category: category) }
        guard let best = fitting.first(where: { $0 != .string }) ?? fitting.first else { return "" }
        return "; declare it \(best.rawValue), or point it at another column"
    }
}
