extension PostgresConnection {
    /// Runs `body` on the connection's queue with the connection isolated: the way from
    /// outside the actor into synchronous code that uses ``transaction(_:)``,
    /// ``savepoint(_:_:)`` or ``forEachRow(_:_:_:)`` with closures.
    ///
    /// ```swift
    /// let count = try await connection.perform { c in
    ///     try c.transaction { tx in try tx.query("SELECT count(*) FROM users")[0][0, as: Int.self] }
    /// }
    /// ```
    @discardableResult
    public func perform<T>(_ body: @Sendable (isolated PostgresConnection) throws -> T) throws -> T {
        try body(self)
    }
}
