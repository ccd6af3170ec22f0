import KadoPostgres

/// The database cannot be reached (or the connection broke mid-statement). Services
/// wait and reconnect; one-shot commands exit with one line.
package struct DatabaseUnavailable: Error, CustomStringConvertible, Sendable {
    /// libpq's account of the failure (host, port and database; never the password).
    package var underlying: PostgresError

    package init(_ underlying: PostgresError) {
        self.underlying = underlying
    }

    package var description: String { "database unavailable: \(underlying.message)" }
}
