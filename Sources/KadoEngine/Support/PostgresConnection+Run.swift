import KadoPostgres

extension PostgresConnection {
    /// Runs a synchronous body on the connection's own executor (its serial
    /// queue), keeping blocking libpq calls off the cooperative pool.
    @discardableResult
    public func run<T: Sendable>(_ body: @Sendable (isolated PostgresConnection) throws -> T) throws -> T {
        try body(self)
    }
}
