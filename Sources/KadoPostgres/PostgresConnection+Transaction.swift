import CLibPQ

extension PostgresConnection {
    /// Runs `body` in a transaction: `BEGIN`, then `COMMIT` when it returns, `ROLLBACK` when
    /// it throws (the error is rethrown).
    ///
    /// The body runs synchronously on the connection's queue, so nothing else can use the
    /// connection in between. Call it from code isolated to the connection (a function with an
    /// `isolated PostgresConnection` parameter, or inside ``perform(_:)``): the compiler does
    /// not let a non-`Sendable` closure with an isolated parameter cross into the actor.
    ///
    /// Called while a transaction is already open, it runs the body in a savepoint instead
    /// (see ``savepoint(_:_:)``). If a statement failed inside the body and the body caught
    /// the error, the transaction cannot commit: it is rolled back and an error of SQLSTATE
    /// 25P02 is thrown.
    @discardableResult
    public func transaction<T>(_ body: (isolated PostgresConnection) throws -> T) throws -> T {
        _ = try self.connection(for: "BEGIN")
        if self.transactionStatus != PQTRANS_IDLE {
            return try self.savepoint("kado_nested_transaction", body)
        }
        try self.execute("BEGIN")
        let value: T
        do {
            value = try body(self)
        } catch {
            self.rollbackQuietly("ROLLBACK")
            throw error
        }
        if self.transactionStatus == PQTRANS_INERROR {
            self.rollbackQuietly("ROLLBACK")
            throw Self.abortedTransactionError("COMMIT")
        }
        let result = try self.check(
            PQexec(try self.connection(for: "COMMIT"), "COMMIT"), query: "COMMIT", kind: .query)
        if result.commandStatus == "ROLLBACK" {
            throw Self.abortedTransactionError("COMMIT")
        }
        return value
    }

    /// Runs `body` inside `SAVEPOINT name` within the current transaction: when it throws,
    /// only its own work is undone (`ROLLBACK TO SAVEPOINT`) and the transaction stays usable.
    ///
    /// ```swift
    /// try connection.transaction { tx in
    ///     for code in candidates {
    ///         do { return try tx.savepoint("claim_code") { try $0.query(insert, [code]) } }
    ///         catch let error as PostgresError where error.isUniqueViolation { continue }
    ///     }
    /// }
    /// ```
    @discardableResult
    public func savepoint<T>(_ name: String, _ body: (isolated PostgresConnection) throws -> T) throws -> T {
        let identifier = try self.escapeIdentifier(name)
        try self.execute("SAVEPOINT \(identifier)")
        do {
            let value = try body(self)
            try self.execute("RELEASE SAVEPOINT \(identifier)")
            return value
        } catch {
            self.rollbackQuietly("ROLLBACK TO SAVEPOINT \(identifier)")
            self.rollbackQuietly("RELEASE SAVEPOINT \(identifier)")
            throw error
        }
    }

    /// Quotes `name` as an SQL identifier with `PQescapeIdentifier` (for names from config,
    /// never from end users): `members` → `"members"`, `a"b` → `"a""b"`.
    public func escapeIdentifier(_ name: String) throws -> String {
        let conn = try self.connection()
        guard let escaped = PQescapeIdentifier(conn, name, name.utf8.count) else {
            throw PostgresError(
                kind: .query,
                message: "invalid identifier: \(PostgresError.oneLine(PQerrorMessage(conn)) ?? name)")
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    /// libpq's view of the session's transaction state.
    var transactionStatus: PGTransactionStatusType {
        guard let conn = self.conn else { return PQTRANS_UNKNOWN }
        return PQtransactionStatus(conn)
    }

    /// Whether a transaction block is open (possibly failed).
    public var isInTransaction: Bool {
        let status = self.transactionStatus
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Runs a rollback statement, ignoring its failure: the original error matters more.
    private func rollbackQuietly(_ sql: String) {
        guard let conn = self.conn, let raw = PQexec(conn, sql) else { return }
        PQclear(raw)
    }

    private static func abortedTransactionError(_ query: String) -> PostgresError {
        PostgresError(
            kind: .query,
            message: "the transaction was rolled back because a statement in it failed",
            sqlState: "25P02", query: query)
    }
}
