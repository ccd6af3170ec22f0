/// One row of a result; decode its cells by position or by column name.
///
/// ```swift
/// let id = try row.decode(Int.self, at: 0)
/// let email = try row["email", as: String?.self]
/// let (name, amount) = try row.decode((String, Int).self)
/// ```
public struct PostgresRow: Sendable {
    let result: PostgresResult
    let index: Int

    /// The number of columns.
    public var columnCount: Int { self.result.columnCount }

    /// The column names, in order.
    public var columns: [String] {
        (0..<self.result.columnCount).map { self.result.columnName($0) }
    }

    /// The text form of the cell at `column` as PostgreSQL sent it, or `nil` for SQL NULL.
    public func text(at column: Int) throws -> String? {
        try self.checkColumn(column)
        return self.result.text(row: self.index, column: column)
    }

    /// Whether the cell at `column` is SQL NULL.
    public func isNull(at column: Int) throws -> Bool {
        try self.text(at: column) == nil
    }

    /// Decodes the cell at `column` (0-based); decode an `Optional` type to accept NULL.
    /// Inlinable so that callers get it specialized for `T`: claims decode twenty cells of
    /// every message, and the generic version looked up `T`'s metadata for each.
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T.Type, at column: Int) throws -> T {
        guard let text = try self.text(at: column) else {
            guard let null = T.postgresNull else {
                throw self.decodingError(
                    column, "is NULL; decode \(T.self)? to accept NULL")
            }
            return null
        }
        guard let value = T(postgresText: text) else {
            throw self.decodingError(column, "value \(Self.quoted(text)) is not a valid \(T.self)")
        }
        return value
    }

    /// Decodes the cell of the column named `name` (exact, case-sensitive match).
    public func decode<T: PostgresDecodable>(_ type: T.Type, column name: String) throws -> T {
        guard let column = self.result.columnIndex(name) else {
            throw PostgresError(
                kind: .decoding,
                message: "no column named \"\(name)\" (columns: \(self.columns.joined(separator: ", ")))",
                query: self.result.query)
        }
        return try self.decode(type, at: column)
    }

    /// Decodes every column in order, e.g. `try row.decode((Int, String?).self)`; the number
    /// of types must equal the number of columns.
    public func decode<each T: PostgresDecodable>(_ types: (repeat each T).Type) throws -> (repeat each T) {
        var expected = 0
        for _ in repeat (each T).self {
            expected += 1
        }
        guard expected == self.columnCount else {
            throw PostgresError(
                kind: .decoding,
                message: "row has \(self.columnCount) columns but \(expected) types were requested",
                query: self.result.query)
        }
        var column = 0
        func next<U: PostgresDecodable>(_ type: U.Type) throws -> U {
            defer { column += 1 }
            return try self.decode(type, at: column)
        }
        return (repeat try next((each T).self))
    }

    /// Decodes the cell at `column`: `try row[0, as: Int.self]`.
    public subscript<T: PostgresDecodable>(column: Int, as type: T.Type) -> T {
        get throws { try self.decode(type, at: column) }
    }

    /// Decodes the cell of the column named `name`: `try row["email", as: String.self]`.
    public subscript<T: PostgresDecodable>(name: String, as type: T.Type) -> T {
        get throws { try self.decode(type, column: name) }
    }

    private func checkColumn(_ column: Int) throws {
        guard column >= 0, column < self.columnCount else {
            throw PostgresError(
                kind: .decoding,
                message: "column index \(column) is out of range (\(self.columnCount) columns)",
                query: self.result.query)
        }
    }

    @usableFromInline
    func decodingError(_ column: Int, _ problem: String) -> PostgresError {
        let name = self.result.columnName(column)
        return PostgresError(
            kind: .decoding, message: "column \"\(name)\" (index \(column)) \(problem)",
            query: self.result.query)
    }

    @usableFromInline
    static func quoted(_ text: String) -> String {
        let short = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return "\"\(short)\""
    }
}
