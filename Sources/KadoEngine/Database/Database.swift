import KadoPostgres

/// The database as a long-running service uses it: one connection, opened on first
/// use and opened again after the server went away (restart, failover, network cut).
///
/// A statement that fails because the connection broke throws ``DatabaseUnavailable``
/// and the connection is dropped; the next ``perform(_:)`` reconnects. The caller
/// decides when to try again (``DatabaseHealth/backoff``); nothing here sleeps.
public actor Database {
    public nonisolated let configuration: PostgresConfiguration
    public nonisolated let health: DatabaseHealth
    private var connection: PostgresConnection?

    public init(configuration: PostgresConfiguration, health: DatabaseHealth) {
        self.configuration = configuration
        self.health = health
    }

    /// Runs `body` on the connection's own queue (a transaction body, store calls).
    public func perform<T: Sendable>(_ body: @Sendable (isolated PostgresConnection) throws -> T) async throws
        -> T
    {
        let connection = try await open()
        do {
            let value = try await connection.perform(body)
            return value
        } catch let error as PostgresError where error.kind == .connection {
            await drop(connection)
            let unavailable = DatabaseUnavailable(error)
            health.lost(unavailable)
            throw unavailable
        }
    }

    /// The open connection, connecting first when there is none.
    public func open() async throws -> PostgresConnection {
        if let connection { return connection }
        do {
            let fresh = try await PostgresConnection.connect(configuration)
            // Another call may have connected while this one waited.
            if let connection {
                await fresh.close()
                return connection
            }
            connection = fresh
            health.reachable()
            return fresh
        } catch let error as PostgresError {
            let unavailable = DatabaseUnavailable(error)
            health.lost(unavailable)
            throw unavailable
        }
    }

    private func drop(_ broken: PostgresConnection) async {
        if connection === broken { connection = nil }
        await broken.close()
    }

    /// Closes the connection (a later ``perform(_:)`` opens a new one).
    public func close() async {
        if let connection {
            self.connection = nil
            await connection.close()
        }
    }
}
