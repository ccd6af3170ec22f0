import CLibPQ

extension PostgresConnection {
    /// Runs one statement like ``query(_:_:)`` but hands the rows to `body` one at a time as
    /// they arrive (libpq single-row mode), so a huge result is never held in memory whole.
    ///
    /// If `body` throws, the rest of the result is dropped and the error rethrown: outside a
    /// transaction the statement is cancelled; inside one the remaining rows are read and
    /// discarded so the transaction stays usable.
    public func forEachRow(
        _ sql: String, _ parameters: [(any PostgresEncodable)?] = [], _ body: (PostgresRow) throws -> Void
    ) throws {
        let conn = try self.connection(for: sql)
        let inTransaction = PQtransactionStatus(conn) != PQTRANS_IDLE
        let sent = try Self.withParameters(parameters, query: sql) { count, values in
            PQsendQueryParams(conn, sql, count, nil, values, nil, nil, 0)
        }
        guard sent == 1 else {
            throw PostgresError.fromConnection(conn, kind: .query, query: sql)
        }
        _ = PQsetSingleRowMode(conn)

        var failure: (any Error)?
        while let raw = PQgetResult(conn) {
            if failure != nil {
                PQclear(raw)
                continue
            }
            do {
                let result = try self.check(raw, query: sql, kind: .query)
                for index in 0..<result.rowCount {
                    try body(PostgresRow(result: result, index: index))
                }
            } catch {
                failure = error
                if !inTransaction, PQresultStatus(raw) == PGRES_SINGLE_TUPLE {
                    Self.cancel(conn)
                }
            }
        }
        if let failure {
            throw failure
        }
    }

    /// Asks the server to cancel the running statement (`PQcancel`); best effort.
    private static func cancel(_ conn: OpaquePointer) {
        guard let cancel = PQgetCancel(conn) else { return }
        defer { PQfreeCancel(cancel) }
        var errorBuffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &errorBuffer, Int32(errorBuffer.count))
    }
}
