import CLibPQ

/// Owns one libpq `PGresult` and clears it when the last reference goes away.
///
/// `@unchecked Sendable` is safe because a `PGresult` is read-only once libpq has returned it
/// (libpq documents that results may be passed freely between threads), this class never
/// mutates it, and `PQclear` runs exactly once, in `deinit`, when no other reference exists.
/// `PQclear` only frees memory, so running it on any thread is fine.
final class PostgresResult: @unchecked Sendable {
    let raw: OpaquePointer
    /// The statement that produced this result, for error messages.
    let query: String

    init(_ raw: OpaquePointer, query: String) {
        self.raw = raw
        self.query = query
    }

    deinit {
        PQclear(self.raw)
    }

    var rowCount: Int { Int(PQntuples(self.raw)) }

    var columnCount: Int { Int(PQnfields(self.raw)) }

    func columnName(_ column: Int) -> String {
        guard let name = PQfname(self.raw, Int32(column)) else { return "?column?" }
        return String(cString: name)
    }

    /// The index of the first column named exactly `name` (case-sensitive, no quoting rules).
    func columnIndex(_ name: String) -> Int? {
        (0..<self.columnCount).first { self.columnName($0) == name }
    }

    /// The text value of a cell, or `nil` for SQL NULL.
    func text(row: Int, column: Int) -> String? {
        let (r, c) = (Int32(row), Int32(column))
        guard PQgetisnull(self.raw, r, c) == 0, let value = PQgetvalue(self.raw, r, c) else { return nil }
        let length = Int(PQgetlength(self.raw, r, c))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// The number of rows the command affected (`PQcmdTuples`), 0 when it does not say.
    var affectedRows: Int {
        guard let tuples = PQcmdTuples(self.raw) else { return 0 }
        return Int(String(cString: tuples)) ?? 0
    }

    /// The command tag, e.g. `INSERT 0 1` or `COMMIT`.
    var commandStatus: String {
        guard let status = PQcmdStatus(self.raw) else { return "" }
        return String(cString: status)
    }
}
