/// A type that can be read from a cell in PostgreSQL's text output format.
///
/// Conforming types: `String`, `Int`, `Int32`, `Int64`, `Bool`, `Double`, and `Optional` of
/// any of them (SQL NULL decodes as `nil`).
public protocol PostgresDecodable: Sendable {
    /// Parses PostgreSQL's text form of a value; `nil` when `text` is not a valid value.
    init?(postgresText text: String)

    /// The value SQL NULL decodes to, or `nil` when this type cannot represent NULL.
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    /// Non-optional types cannot represent SQL NULL.
    public static var postgresNull: Self? { nil }
}

extension String: PostgresDecodable {
    /// Any text is a valid string.
    public init?(postgresText text: String) {
        self = text
    }
}

extension Int: PostgresDecodable {
    /// Parses `int2`, `int4`, `int8` text such as `-42`.
    public init?(postgresText text: String) {
        self.init(text)
    }
}

extension Int32: PostgresDecodable {
    /// Parses `int2` and `int4` text such as `-42`.
    public init?(postgresText text: String) {
        self.init(text)
    }
}

extension Int64: PostgresDecodable {
    /// Parses `int2`, `int4`, `int8` text such as `-42`.
    public init?(postgresText text: String) {
        self.init(text)
    }
}

extension Bool: PostgresDecodable {
    /// Parses `boolean` text: `t` or `f` (and the spelled-out forms).
    public init?(postgresText text: String) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension Double: PostgresDecodable {
    /// Parses `float4`, `float8` and `numeric` text, including `NaN`, `Infinity`, `-Infinity`.
    public init?(postgresText text: String) {
        switch text {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default: self.init(text)
        }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// Parses a non-NULL value as `Wrapped`.
    public init?(postgresText text: String) {
        guard let value = Wrapped(postgresText: text) else { return nil }
        self = .some(value)
    }

    /// SQL NULL decodes as `nil`.
    public static var postgresNull: Self? { .some(.none) }
}
