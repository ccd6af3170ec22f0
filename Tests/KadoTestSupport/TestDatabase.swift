import Foundation
import KadoMigrations
import KadoPostgres

/// Databases on the throwaway cluster that `make test` starts (scripts/with-postgres.sh
/// sets `KADO_TEST_DATABASE_URL`): a fresh one per test, so tests run in parallel without
/// sharing state. Suites that need one are tagged `.database` and enabled only when the
/// cluster is there.
public struct TestDatabase: Sendable {
    /// The cluster's URL (its maintenance database), when `make test` started one.
    public static let serverURL = ProcessInfo.processInfo.environment["KADO_TEST_DATABASE_URL"]
    public static var isAvailable: Bool { serverURL != nil }

    /// The server's configuration (the maintenance database).
    public static var serverConfiguration: PostgresConfiguration {
        var configuration = PostgresConfiguration(url: serverURL ?? "")
        configuration.connectTimeout = 10
        return configuration
    }

    /// The repository's migrations/ directory.
    public static var migrationsDirectory: URL { RepositoryRoot.appending("migrations") }
    /// The repository root (the directory with Package.swift).
    public static var repositoryRoot: URL { RepositoryRoot.url }

    public let name: String
    public let url: String

    /// Creates a new database with kado's schema (the migrations built into kado).
    public static func make() async throws -> TestDatabase {
        let db = try await empty()
        let connection = try await db.connect()
        let migrator = Migrator(source: KadoMigrations.source)
        _ = try await connection.perform { try migrator.up(on: $0) }
        await connection.close()
        return db
    }

    /// Creates a new, empty database (kept until the cluster is thrown away).
    public static func empty() async throws -> TestDatabase {
        guard let serverURL else { throw CocoaError(.featureUnsupported) }
        let name =
            "kado_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try await PostgresConnection.connect(PostgresConfiguration(url: serverURL))
        try await admin.perform { try $0.execute("CREATE DATABASE \(name)") }
        await admin.close()
        return TestDatabase(name: String(name), url: Self.url(serverURL, database: String(name)))
    }

    /// This database's connection settings.
    public var configuration: PostgresConfiguration { PostgresConfiguration(url: url) }

    public func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(PostgresConfiguration(url: url))
    }

    /// Creates a fresh database, runs `body` with its configuration, then drops it.
    public static func withConfiguration<T>(_ body: (PostgresConfiguration) async throws -> T) async throws
        -> T
    {
        let db = try await empty()
        var configuration = serverConfiguration
        configuration.database = db.name
        let admin = try await PostgresConnection.connect(serverConfiguration)
        defer { Task { await admin.close() } }
        do {
            let value = try await body(configuration)
            try await admin.execute("DROP DATABASE IF EXISTS \(db.name) WITH (FORCE)")
            return value
        } catch {
            try? await admin.execute("DROP DATABASE IF EXISTS \(db.name) WITH (FORCE)")
            throw error
        }
    }

    /// Creates a fresh database, runs `body` with a connection to it, then drops it.
    public static func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withConfiguration { configuration in
            let connection = try await PostgresConnection.connect(configuration)
            do {
                let value = try await body(connection)
                await connection.close()
                return value
            } catch {
                await connection.close()
                throw error
            }
        }
    }

    /// The server URL with another database name.
    static func url(_ server: String, database: String) -> String {
        guard let scheme = server.range(of: "://"),
            let slash = server.range(of: "/", options: .backwards, range: scheme.upperBound..<server.endIndex)
        else { return server + "/" + database }
        let query = server[slash.upperBound...].firstIndex(of: "?").map { String(server[$0...]) } ?? ""
        return String(server[..<slash.upperBound]) + database + query
    }
}
