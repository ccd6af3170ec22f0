import ArgumentParser
import Foundation
import KadoEngine
import KadoPostgres

extension AsyncParsableCommand {
    /// Runs `body`, turning known errors into one clear line and an exit status.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CLIError {
            throw failure("kado: \(error.message)", status: error.exitCode)
        } catch let error as DatabaseUnavailable {
            throw failure(
                "kado: cannot connect to PostgreSQL: \(error.underlying.message)",
                status: ExitStatus.unreachable)
        } catch let evaluation as EvaluationFailure {
            throw failure("kado: evaluation failed: \(evaluation)", status: ExitStatus.database)
        } catch let error as PostgresError {
            if error.kind == .connection {
                throw failure(
                    "kado: lost the PostgreSQL connection: \(error.message)", status: ExitStatus.unreachable)
            }
            var line = "kado: database error: \(error)"
            if error.sqlState == "42P01" {
                line += "\nhint: a table is missing; kado's own tables come from `kado migrate up`"
            }
            throw failure(line, status: ExitStatus.database)
        } catch let error as MigrationError {
            throw failure("kado: \(error)", status: ExitStatus.database)
        }
    }

    /// Prints `line` on stderr; the returned error ends the command with `status`.
    func failure(_ line: String, status: Int32) -> ExitCode {
        FileHandle.standardError.write(Data((line + "\n").utf8))
        return ExitCode(status)
    }
}
