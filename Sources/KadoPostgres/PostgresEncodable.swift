/// A type that can be sent as a query parameter in PostgreSQL's text format.
///
/// Values are always sent as parameters (`$1`, `$2`, ...), never spliced into SQL; write an
/// explicit cast in the statement (`$1::int`, `$2::text[]`) so the server knows the type.
public protocol PostgresEncodable: Sendable {
    /// The text form of the value, or `nil` for SQL NULL.
    var postgresText: String? { get }

    /// How the value is written as an element of an array literal (`{...}`). The default
    /// double-quotes and escapes `postgresText`; NULL becomes an unquoted `NULL`.
    var postgresArrayElement: String { get }
}

extension PostgresEncodable {
    /// The value double-quoted with `"` and `\` backslash-escaped, or `NULL`.
    public var postgresArrayElement: String {
        guard let text = self.postgresText else { return "NULL" }
        return PostgresArrayLiteral.quoted(text)
    }
}

/// Writing array literals (`{...}`) on bytes: array parameters carry a value per row of
/// a batch, so this runs for every claimed and recorded message.
enum PostgresArrayLiteral {
    /// `text` double-quoted, `"` and `\` backslash-escaped.
    static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return "\"" + text + "\""
        }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String: PostgresEncodable {
    /// The string itself.
    public var postgresText: String? { self }
}

extension Int: PostgresEncodable {
    /// The decimal digits.
    public var postgresText: String? { String(self) }

    /// Digits need no quotes in an array literal.
    public var postgresArrayElement: String { String(self) }
}

extension Int32: PostgresEncodable {
    /// The decimal digits.
    public var postgresText: String? { String(self) }

    /// Digits need no quotes in an array literal.
    public var postgresArrayElement: String { String(self) }
}

extension Int64: PostgresEncodable {
    /// The decimal digits.
    public var postgresText: String? { String(self) }

    /// Digits need no quotes in an array literal.
    public var postgresArrayElement: String { String(self) }
}

extension Bool: PostgresEncodable {
    /// `t` or `f`.
    public var postgresText: String? { self ? "t" : "f" }
}

extension Double: PostgresEncodable {
    /// The shortest round-tripping decimal, or `NaN`, `Infinity`, `-Infinity`.
    public var postgresText: String? {
        if self.isNaN { return "NaN" }
        if self.isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return self.description
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped value's text, or `nil` (SQL NULL).
    public var postgresText: String? { self.flatMap { $0.postgresText } }

    /// The wrapped value's element form, or `NULL`.
    public var postgresArrayElement: String { self.map { $0.postgresArrayElement } ?? "NULL" }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// An array literal such as `{"a","b \"c\"",NULL}`; nested arrays become `{{1,2},{3,4}}`.
    public var postgresText: String? {
        var literal = "{"
        literal.reserveCapacity(count * 12 + 2)
        // By index: this runs unspecialized (through `any PostgresEncodable`), where an
        // `enumerated()` iterator instantiated generic metadata for every element.
        for index in 0..<count {
            if index > 0 { literal += "," }
            literal += self[index].postgresArrayElement
        }
        literal += "}"
        return literal
    }

    /// Nested arrays are written unquoted.
    public var postgresArrayElement: String { self.postgresText ?? "NULL" }
}
