import CLibPQ

extension PostgresConnection {
    /// ``query(_:_:)`` for a statement run again and again (a request handler's): prepared
    /// once per connection with `PQprepare`, then run with `PQexecPrepared`, so the server
    /// parses and plans it once instead of on every call. Parameters are bound exactly as
    /// for ``query(_:_:)``.
    ///
    /// With ``PostgresConfiguration/preparedStatements`` off (`KADO_PREPARED_STATEMENTS=0`,
    /// for a pooler in transaction mode) it is ``query(_:_:)``. A statement the server no
    /// longer knows, or knows already, means the session is shared: the connection runs
    /// unnamed statements from then on.
    @discardableResult
    public func preparedQuery(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws
        -> PostgresRows
    {
        guard usesPreparedStatements else { return try query(sql, parameters) }
        do {
            return try runPrepared(sql, parameters)
        } catch let error as PostgresError where error.sqlState == "26000" || error.sqlState == "42P05" {
            // The statement vanished (26000) or exists already (42P05): the session is not
            // ours alone (a pooler in transaction mode). Unnamed from now on; inside a
            // transaction the error stands, as the transaction is aborted.
            usesPreparedStatements = false
            preparedStatements.removeAll()
            if PQtransactionStatus(try connection(for: sql)) != PQTRANS_IDLE { throw error }
            return try query(sql, parameters)
        }
    }

    private func runPrepared(_ sql: String, _ parameters: [(any PostgresEncodable)?]) throws -> PostgresRows {
        let conn = try self.connection(for: sql)
        let name: String
        if let known = preparedStatements[sql] {
            name = known
        } else {
            name = Self.statementName(sql)
            _ = try self.check(
                PQprepare(conn, name, sql, Int32(parameters.count), nil), query: sql, kind: .query)
            preparedStatements[sql] = name
        }
        let result = try Self.withParameters(parameters, query: sql) { count, values in
            PQexecPrepared(conn, name, count, values, nil, nil, 0)
        }
        return PostgresRows(try self.check(result, query: sql, kind: .query))
    }

    /// The statement's name, from its text (a 64-bit FNV-1a hash and its length): a session
    /// shared through a pooler can hold another client's statements, and one of the same
    /// name is then the same SQL, never another statement run with these parameters.
    static func statementName(_ sql: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return "kado_\(String(hash, radix: 16))_\(sql.utf8.count)"
    }
}
