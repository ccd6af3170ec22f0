/// A piece of SQL over the audience source (alias `a`) with the values it binds: a
/// condition, or a value such as an attribute. Placeholders are written `$?` and numbered in
/// order of appearance when the statement is put together (``numbered(from:)``), so
/// fragments compose without knowing where they end up. Values are always bound, never
/// spliced into the text.
package struct SQLFragment: Sendable, Hashable, ExpressibleByStringLiteral {
    /// SQL with `$?` placeholders.
    package var sql: String
    /// One value per placeholder, in order, in PostgreSQL's text format.
    package var parameters: [String]

    package init(sql: String, parameters: [String]) {
        self.sql = sql
        self.parameters = parameters
    }

    /// SQL without parameters.
    package init(stringLiteral sql: String) {
        self.init(sql: sql, parameters: [])
    }

    /// One placeholder with `cast` (`$?::date`) binding `value`.
    package static func bind(_ value: String, as cast: String) -> SQLFragment {
        SQLFragment(sql: "$?::\(cast)", parameters: [value])
    }

    /// The parts one after the other.
    package static func concat(_ parts: [SQLFragment]) -> SQLFragment {
        SQLFragment(sql: parts.map(\.sql).joined(), parameters: parts.flatMap(\.parameters))
    }

    /// The parts with `separator` between them, as they are (a list of arguments).
    package static func list(_ parts: [SQLFragment], separator: String = ", ") -> SQLFragment {
        SQLFragment(
            sql: parts.map(\.sql).joined(separator: separator), parameters: parts.flatMap(\.parameters))
    }

    /// The parts with `separator` between them, each in parentheses; `empty` when there are none.
    package static func joined(_ parts: [SQLFragment], separator: String, empty: SQLFragment) -> SQLFragment {
        guard parts.count > 1 else { return parts.first ?? empty }
        return SQLFragment(
            sql: parts.map { "(\($0.sql))" }.joined(separator: separator),
            parameters: parts.flatMap(\.parameters))
    }

    /// The text with its placeholders numbered `$first`, `$first + 1`, ...
    package func numbered(from first: Int) -> String {
        var text = sql
        var number = first
        var searchFrom = text.startIndex
        while let placeholder = text[searchFrom...].firstRange(of: "$?") {
            let replacement = "$\(number)"
            text.replaceSubrange(placeholder, with: replacement)
            searchFrom = text.index(placeholder.lowerBound, offsetBy: replacement.count)
            number += 1
        }
        return text
    }
}
