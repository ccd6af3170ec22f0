extension AudienceSource {
    /// An attribute's value for the user in row `a`, as SQL: strings as text, e-mail and phone
    /// as the recipient select normalises them (blank is none), dates as the tenant-local
    /// date (`kado_local_date` reads a `timestamptz` column in the tenant's zone and is the
    /// column itself for a `date` one, so plain indexes still apply), `age` in whole years on
    /// `date`.
    func value(_ attribute: Attribute, on date: LocalDate) -> SQLFragment {
        switch attribute.source {
        case .name: return SQLFragment(stringLiteral: "a.\(quoted(\.name))::text")
        case .email: return SQLFragment(stringLiteral: "NULLIF(btrim(a.\(quoted(\.email))::text), '')")
        case .phone: return SQLFragment(stringLiteral: "NULLIF(btrim(a.\(quoted(\.phone))::text), '')")
        case .locale:
            return SQLFragment(
                stringLiteral: columns.locale.map { "a.\(AudienceSource.quote($0))::text" } ?? "NULL::text")
        case .birthday: return SQLFragment(stringLiteral: "a.\(quoted(\.birthday))")
        case .verified: return SQLFragment(stringLiteral: "a.\(quoted(\.verified))")
        case .age:
            // Completed years: the year difference, less one before the birthday's month and day
            // (a Feb 29 birthday completes its year on Mar 1 in common years).
            let birthday = "a.\(quoted(\.birthday))"
            return SQLFragment(
                sql:
                    "($?::int - EXTRACT(YEAR FROM \(birthday))::int - (kado_month_day(\(birthday)) > $?::int)::int)",
                parameters: [String(date.year), String(date.month * 100 + date.day)])
        case .column(let column):
            let quoted = "a.\(AudienceSource.quote(column))"
            switch attribute.type {
            case .string: return SQLFragment(stringLiteral: "\(quoted)::text")
            case .date:
                return SQLFragment(sql: "kado_local_date(\(quoted), $?::text)", parameters: [timeZone])
            case .integer, .number, .boolean: return SQLFragment(stringLiteral: quoted)
            }
        }
    }

    /// The audience column an attribute reads, if it reads one as it is (`age` reads the
    /// birthday's).
    func column(of attribute: Attribute) -> String? {
        switch attribute.source {
        case .name: return columns.name
        case .email: return columns.email
        case .phone: return columns.phone
        case .locale: return columns.locale
        case .birthday, .age: return columns.birthday
        case .verified: return columns.verified
        case .column(let column): return column
        }
    }

    /// The expression an index needs to serve a trigger on a date attribute, as written in
    /// `CREATE INDEX` (the zone as a literal: index expressions cannot take parameters).
    func indexExpression(_ attribute: Attribute) -> String {
        switch attribute.source {
        case .birthday: return quoted(\.birthday)
        case .column(let column):
            let zone = "'" + timeZone.replacingOccurrences(of: "'", with: "''") + "'"
            return "kado_local_date(\(AudienceSource.quote(column)), \(zone))"
        default: return attribute.name
        }
    }

    /// `CREATE INDEX <table>_kado_<suffix>_idx ON <table> (<expression>)`, partial on the
    /// verified flag when the rule selects verified users only.
    func indexStatement(suffix: String, expression: String, verifiedOnly: Bool) -> String {
        let name = AudienceSource.quote(
            table.replacingOccurrences(of: ".", with: "_") + "_kado_\(suffix)_idx")
        let partial = verifiedOnly ? " WHERE \(quoted(\.verified)) IS TRUE" : ""
        return "CREATE INDEX \(name) ON \(quotedTable) (\(expression))\(partial);"
    }
}
