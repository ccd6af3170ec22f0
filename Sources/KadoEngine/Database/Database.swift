import KadoPostgres

/// The database as a long-running service uses it: one connection, opened on first
/// use and opened again after the server went away (restart, failover, network cut).
///
/// A statement that fails because the connection broke (libpq lost it, or the server
/// said it is shutting down: SQLSTATE classes 08 and 57) throws ``DatabaseUnavailable``
/// and the connection is dropped; the next ``perform(_:)`` reconnects. A connection
/// opened before the database last came back is stale: when it fails on first use it
/// is replaced and the body runs again on a fresh one (nothing ran on the broken one),
/// so an outage is logged once however many connections notice it. The caller decides
/// when to try again (``DatabaseHealth/backoff``); nothing here sleeps.
package actor Database {
    package nonisolated let configuration: PostgresConfiguration
    package nonisolated let health: DatabaseHealth
    private var connection: PostgresConnection?
    /// The recovery count of `health` when `connection` was opened.
    private var openedIn = 0

    package init(configuration: PostgresConfiguration, health: DatabaseHealth) {
        self.configuration = configuration
        self.health = health
    }

    /// Runs `body` on the connection's own queue (a transaction body, store calls).
    package func perform<T: Sendable>(_ body: @Sendable (isolated PostgresConnection) throws -> T)
        async throws
        -> T
    {
        let connection = try await open()
        do {
            return try await connection.perform(body)
        } catch let error as PostgresError where Self.isConnectionLoss(error) {
            let stale = openedIn < health.recoveries
            await drop(connection)
            if stale && !health.isDown {
                // Broken while the database was away and back; it failed at its first statement.
                let fresh = try await open()
                do {
                    return try await fresh.perform(body)
                } catch let again as PostgresError where Self.isConnectionLoss(again) {
                    await drop(fresh)
                    throw lost(again)
                }
            }
            throw lost(error)
        }
    }

    private func lost(_ error: PostgresError) -> DatabaseUnavailable {
        let unavailable = DatabaseUnavailable(error)
        health.lost(unavailable)
        return unavailable
    }

    /// Whether an error means the connection (or the server) is gone rather than that the
    /// statement was wrong: libpq lost it, the server is shutting down or restarting
    /// (classes 08 and 57), or the server is no longer the primary (25006, a standby after
    /// a failover: a new connection finds the new primary).
    static func isConnectionLoss(_ error: PostgresError) -> Bool {
        if error.kind == .connection { return true }
        guard let state = error.sqlState else { return false }
        return state.hasPrefix("08") || state.hasPrefix("57") || state == "25006"
    }

    /// The open connection, connecting first when there is none.
    package func open() async throws -> PostgresConnection {
        if let connection { return connection }
        do {
            let fresh = try await PostgresConnection.connect(configuration)
            // Another call may have connected while this one waited.
            if let connection {
                await fresh.close()
                return connection
            }
            health.reachable()
            connection = fresh
            openedIn = health.recoveries
            return fresh
        } catch let error as PostgresError {
            throw lost(error)
        }
    }

    private func drop(_ broken: PostgresConnection) async {
        if connection === broken { connection = nil }
        await broken.close()
    }

    /// Closes the connection (a later ``perform(_:)`` opens a new one).
    package func close() async {
        if let connection {
            self.connection = nil
            await connection.close()
        }
    }
}
