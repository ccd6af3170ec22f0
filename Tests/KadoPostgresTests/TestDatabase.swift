import Foundation
import KadoPostgres

/// Per-test databases on the throwaway cluster named by `KADO_TEST_DATABASE_URL`
/// (see scripts/with-postgres.sh), so tests can run in parallel without sharing state.
enum TestDatabase {
    static let url = ProcessInfo.processInfo.environment["KADO_TEST_DATABASE_URL"]

    static var isAvailable: Bool { url != nil }

    /// The server's configuration (the maintenance database).
    static var serverConfiguration: PostgresConfiguration {
        var configuration = PostgresConfiguration(url: url ?? "")
        configuration.connectTimeout = 10
        return configuration
    }

    /// Creates a fresh database, runs `body` with its configuration, then drops it.
    static func withConfiguration<T>(_ body: (PostgresConfiguration) async throws -> T) async throws -> T {
        let name = "kado_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = try await PostgresConnection.connect(serverConfiguration)
        try await admin.execute("CREATE DATABASE \(name)")
        var configuration = serverConfiguration
        configuration.database = name
        do {
            let value = try await body(configuration)
            try await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await admin.close()
            return value
        } catch {
            try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await admin.close()
            throw error
        }
    }

    /// Creates a fresh database, runs `body` with a connection to it, then drops it.
    static func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
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

    /// The repository's migrations/ directory, found from this file's path.
    static var migrationsDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // KadoPostgresTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
            .appendingPathComponent("migrations")
    }
}
