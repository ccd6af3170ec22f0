import ArgumentParser
import Foundation
import KadoMigrations
import KadoPostgres

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply or roll back the database schema (golang-migrate compatible).",
        discussion: """
            The migrations are built into kado (from the repository's migrations/, NNNNNN_name.up.sql / .down.sql), so this works from any directory; --migrations DIR uses the files in DIR instead.

            The applied version is kept in schema_migrations(version, dirty), as golang-migrate does: a database migrated by the original Go scheduler upgrades in place with `up`.
            """,
        subcommands: [Up.self, Down.self, Status.self])

    struct Options: ParsableArguments {
        @OptionGroup var database: DatabaseOptions

        @Option(
            help: ArgumentHelp(
                "Use the migration files in this directory instead of the built-in ones (env KADO_MIGRATIONS).",
                valueName: "dir"))
        var migrations: String?

        var migrator: Migrator {
            let directory = migrations ?? ProcessInfo.processInfo.environment["KADO_MIGRATIONS"]
            guard let directory, !directory.isEmpty else { return Migrator(source: KadoMigrations.source) }
            return Migrator(directory: URL(fileURLWithPath: directory))
        }
    }

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations (all, or the next N).")
        @OptionGroup var options: Options
        @Argument(help: "How many migrations to apply (default: all).") var count: Int?

        func run() async throws {
            try await reportingErrors {
                let connection = try await options.database.connect()
                let migrator = options.migrator
                let applied = try await connection.perform { c in try migrator.up(on: c, limit: count) }
                if applied.isEmpty { print("already up to date") }
                for migration in applied { print("applied \(migration)") }
            }
        }
    }

    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Roll back the last N migrations (default 1).")
        @OptionGroup var options: Options
        @Argument(help: "How many migrations to roll back.") var count: Int = 1

        func run() async throws {
            try await reportingErrors {
                let connection = try await options.database.connect()
                let migrator = options.migrator
                let reverted = try await connection.perform { c in try migrator.down(on: c, steps: count) }
                if reverted.isEmpty { print("nothing to roll back") }
                for migration in reverted { print("rolled back \(migration)") }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the current version and pending migrations.",
            discussion: """
                Exit status 3 when the database is dirty, or was migrated by a newer kado (its version is above the newest migration this build knows).
                """)
        @OptionGroup var options: Options

        func run() async throws {
            try await reportingErrors {
                let connection = try await options.database.connect()
                let migrator = options.migrator
                let status = try await connection.perform { c in try migrator.status(on: c) }
                print(
                    "version: \(status.currentVersion.map(String.init) ?? "none")\(status.dirty ? " (dirty)" : "")"
                )
                for migration in status.applied { print("  applied  \(migration)") }
                for migration in status.pending { print("  pending  \(migration)") }
                if status.isUpToDate { print("up to date") }
                // A dirty database or one a newer build migrated: say so, and exit non-zero.
                if let refusal = migrator.refusal(for: status) { throw refusal }
            }
        }
    }
}
