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
            throw CLIError("cannot connect to PostgreSQL: \(error.message)", exitCode: 2)
        }
    }
}

/// A failure reported as one line on stderr with a chosen exit status.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32

    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning known errors into one clear line and an exit status.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("kado: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        } catch let error as PostgresError {
            var line = "kado: database error: \(error)"
            if error.sqlState == "42P01" {
                line += "\nhint: has the database been migrated? run `kado migrate up`"
            }
            FileHandle.standardError.write(Data((line + "\n").utf8))
            throw ExitCode(3)
        } catch let error as MigrationError {
            FileHandle.standardError.write(Data("kado: \(error)\n".utf8))
            throw ExitCode(3)
        }
    }
}
