import ArgumentParser
import Foundation
import KadoEngine
import KadoPostgres

/// How commands reach PostgreSQL: `--database-url`, else `DATABASE_URL`, else the
/// seed's `DB_*` variables, else libpq's `PG*` defaults.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("PostgreSQL URL (default: DATABASE_URL, DB_*, PG* variables).", valueName: "url"))
    var databaseURL: String?

    var configuration: PostgresConfiguration {
        PostgresConfiguration.fromEnvironment(url: databaseURL)
    }

    /// Connects, or exits with a one-line error (status 2).
    func connect() async throws -> PostgresConnection {
        let configuration = self.configuration
        do {
            return try await PostgresConnection.connect(configuration)
        } catch let error as PostgresError {
            throw CLIError("cannot connect to PostgreSQL: \(error.message)", exitCode: ExitStatus.unreachable)
        }
    }

    /// A connection for the engine's services (reconnecting), or a one-line error when the
    /// database cannot be reached at all.
    func database(health: DatabaseHealth = DatabaseHealth()) async throws -> Database {
        let database = Database(configuration: configuration, health: health)
        _ = try await database.open()
        return database
    }
}
