/// The rows of a finished query, plus the command's status.
///
/// The rows stay in libpq's result buffer and are decoded on access. The value is immutable
/// and `Sendable`: it can leave the connection's actor.
public struct PostgresRows: RandomAccessCollection, Sendable {
    let result: PostgresResult

    init(_ result: PostgresResult) {
        self.result = result
    }

    /// The index of the first row.
    public var startIndex: Int { 0 }

    /// One past the index of the last row.
    public var endIndex: Int { self.result.rowCount }

    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow {
        PostgresRow(result: self.result, index: position)
    }

    /// The column names, in order.
    public var columns: [String] {
        (0..<self.result.columnCount).map { self.result.columnName($0) }
    }

    /// The number of rows inserted, updated, deleted, copied or fetched (`PQcmdTuples`);
    /// 0 for commands that do not report a count.
    public var affectedRows: Int { self.result.affectedRows }

    /// The command tag, e.g. `INSERT 0 1` or `UPDATE 3`.
    public var commandStatus: String { self.result.commandStatus }
}
