import Foundation

/// Value checks shared by several schemas.
enum Checks {
    static let identifierPattern = "^[a-z][a-z0-9_-]*$"

    /// Tenant, rule and template ids: lower-case letters, digits, `_` and `-`.
    static let identifier: @Sendable (String) -> String? = { value in
        guard let first = value.unicodeScalars.first, ("a"..."z").contains(first),
            value.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            })
        else {
            return
                "'\(value)' is not a valid id (lower-case letters, digits, '_' and '-', starting with a letter)"
        }
        return nil
    }

    static let sqlIdentifierPattern = "^[A-Za-z_][A-Za-z0-9_]*$"

    /// A table, view or column name: a plain SQL identifier.
    static let sqlIdentifier: @Sendable (String) -> String? = { value in
        guard let first = value.unicodeScalars.first,
            first == "_" || (first.isASCII && first.properties.isAlphabetic),
            value.unicodeScalars.allSatisfy({
                $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
            })
        else { return "'\(value)' is not a plain SQL identifier (letters, digits and '_')" }
        return nil
    }

    /// A table or view, optionally schema-qualified.
    static let sqlRelation: @Sendable (String) -> String? = { value in
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return "'\(value)' is not a table name (schema.table at most)" }
        for part in parts {
            if let problem = sqlIdentifier(String(part)) { return problem }
        }
        return nil
    }

    static let timeZone: @Sendable (String) -> String? = { value in
        if TimeZone(identifier: value) != nil, value.contains("/") || value == "UTC" { return nil }
        let hint = Suggestion.hint(for: value, in: TimeZone.knownTimeZoneIdentifiers)
        return "unknown time zone '\(value)'\(hint) (use an IANA name such as Asia/Jakarta)"
    }

    static let localePattern = "^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"

    static let locale: @Sendable (String) -> String? = { value in
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        let ok =
            (1...3).contains(parts.count)
            && (2...3).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLowercase }
            && parts.dropFirst().allSatisfy { p in
                (p.count == 2 && p.allSatisfy { $0.isASCII && $0.isUppercase })
                    || (p.count == 4 && p.first?.isUppercase == true
                        && p.dropFirst().allSatisfy { $0.isASCII && $0.isLowercase })
            }
        return ok ? nil : "'\(value)' is not a locale tag such as id-ID or en-US"
    }

    static let currency: @Sendable (String) -> String? = { value in
        if Locale.commonISOCurrencyCodes.contains(value) { return nil }
        let hint = Suggestion.hint(for: value, in: Locale.commonISOCurrencyCodes)
        return "unknown currency '\(value)'\(hint) (use an ISO 4217 code such as IDR)"
    }

    static let date: @Sendable (String) -> String? = { value in
        LocalDate(value) == nil ? "'\(value)' is not a real date as YYYY-MM-DD (e.g. \"2026-12-12\")" : nil
    }

    static let time: @Sendable (String) -> String? = { value in
        LocalTime(value) == nil ? "'\(value)' is not a time of day in HH:MM (24-hour, e.g. \"00:01\")" : nil
    }
}
