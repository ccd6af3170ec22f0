import Foundation

/// Value rules shared by several schemas. Each ``StringRule`` is one definition for both
/// the JSON Schema editors read and the loader's check.
enum Checks {
    /// Tenant, rule and template ids, channel names: lower-case letters, digits, `_` and `-`.
    static let identifier = StringRule(pattern: "^[a-z][a-z0-9_-]*$") { value in
        "'\(value)' is not a valid id (lower-case letters, digits, '_' and '-', starting with a letter)"
    }

    /// A table, view or column name: a plain SQL identifier.
    static let sqlIdentifier = StringRule(pattern: "^[A-Za-z_][A-Za-z0-9_]*$") { value in
        "'\(value)' is not a plain SQL identifier (letters, digits and '_', not starting with a digit)"
    }

    /// An audience attribute's name, as templates write it after `user.`: lower-case letters,
    /// digits and `_`.
    static let attributeName = StringRule(pattern: "^[a-z][a-z0-9_]*$") { value in
        "'\(value)' is not a valid attribute name (lower-case letters, digits and '_', starting with a letter)"
    }

    /// A day of the year, `MM-DD`, that exists in some year (Feb 29 does, Feb 30 does not): the
    /// pattern spells out each month's length.
    static let monthDay = StringRule(
        pattern:
            "^((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|[12][0-9]))$"
    ) { value in
        "'\(value)' is not a day of the year as MM-DD (e.g. \"12-12\"; February has 29 days at most, April, June, September and November 30)"
    }

    /// A table or view, optionally schema-qualified.
    static let sqlRelation = StringRule(pattern: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$") {
        value in
        "'\(value)' is not a table name (a plain SQL identifier: letters, digits and '_', not starting with a digit; schema.table at most)"
    }

    /// A locale tag: language (2 or 3 lower-case letters), optional script (`Hant`),
    /// optional region (2 upper-case letters): `en`, `id-ID`, `zh-Hant-TW`.
    static let locale = StringRule(pattern: "^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$") { value in
        "'\(value)' is not a locale tag such as id-ID, en-US or zh-Hant-TW (a lower-case language, then optionally a script such as Hant, then optionally one upper-case region)"
    }

    /// An ISO 4217 currency code in use.
    static let currency = StringRule(pattern: "^[A-Z]{3}$", values: Set(Locale.commonISOCurrencyCodes)) {
        value in
        let hint = Suggestion.hint(for: value, in: Locale.commonISOCurrencyCodes)
        return "unknown currency '\(value)'\(hint) (use an ISO 4217 code such as IDR)"
    }

    /// A time of day, `HH:MM` on the 24-hour clock (what ``LocalTime`` parses).
    static let time = StringRule(pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$") { value in
        "'\(value)' is not a time of day in HH:MM (24-hour, e.g. \"00:01\")"
    }

    /// A promo code prefix: upper-case letters, digits and `-`, without the look-alikes the
    /// code alphabet leaves out (0/O, 1/I/L).
    static let codePrefix = StringRule(pattern: "^[A-HJKMNP-Z2-9-]*$") { value in
        var problems: [String] = []
        let looks = value.enumerated().filter { PromoCodeSpec.lookAlikes.contains($0.element) }
        if !looks.isEmpty {
            let named = looks.map {
                "'\($0.element)' (\(lookAlikeName($0.element))) at column \($0.offset + 1) of the value"
            }
            problems.append(
                "prefix '\(value)' has the look-alike character\(looks.count == 1 ? "" : "s") \(named.joined(separator: ", ")); codes leave out 0/O and 1/I/L because readers confuse them: use other characters"
            )
        }
        if !value.allSatisfy({ ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "-" }) {
            problems.append("prefix '\(value)' may hold only upper-case letters, digits and '-'")
        }
        return problems.joined(separator: "; ")
    }

    private static func lookAlikeName(_ character: Character) -> String {
        switch character {
        case "0": return "zero"
        case "O": return "letter O"
        case "1": return "one"
        case "I": return "letter I"
        case "L": return "letter L"
        default: return "look-alike"
        }
    }

    /// A calendar date that exists, `YYYY-MM-DD` (a pattern cannot tell Feb 30 from Feb 28,
    /// so this one is a check without a JSON Schema pattern).
    static let date: @Sendable (String) -> String? = { value in
        LocalDate(value) == nil ? "'\(value)' is not a real date as YYYY-MM-DD (e.g. \"2026-12-12\")" : nil
    }

    static let timeZone: @Sendable (String) -> String? = { value in
        if TimeZone(identifier: value) != nil, value.contains("/") || value == "UTC" { return nil }
        let hint = Suggestion.hint(for: value, in: TimeZone.knownTimeZoneIdentifiers)
        return "unknown time zone '\(value)'\(hint) (use an IANA name such as Asia/Jakarta)"
    }
}
