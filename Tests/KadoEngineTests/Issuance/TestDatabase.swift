import Foundation
import KadoEngine
import KadoPostgres

/// A fresh, migrated database on the throwaway cluster that `make test` starts
/// (KADO_TEST_DATABASE_URL), one per test so tests run in parallel.
struct TestDatabase {
    static let serverURL = ProcessInfo.processInfo.environment["KADO_TEST_DATABASE_URL"]
    static var isAvailable: Bool { serverURL != nil }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let name: String
    let url: String

    /// Creates and migrates a new database.
    static func make() async throws -> TestDatabase {
        guard let serverURL else { throw CocoaError(.featureUnsupported) }
        let name =
            "kado_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try await PostgresConnection.connect(PostgresConfiguration(url: serverURL))
        try await admin.perform { try $0.execute("CREATE DATABASE \(name)") }
        await admin.close()
        let url = Self.url(serverURL, database: String(name))
        let db = TestDatabase(name: String(name), url: url)
        let connection = try await db.connect()
        let migrator = Migrator(directory: repositoryRoot.appendingPathComponent("migrations"))
        _ = try await connection.perform { try migrator.up(on: $0) }
        await connection.close()
        return db
    }

    func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(PostgresConfiguration(url: url))
    }

    /// A reconnecting connection for the engine's services.
    func database(health: DatabaseHealth = DatabaseHealth()) -> Database {
        Database(configuration: PostgresConfiguration(url: url), health: health)
    }

    /// The server URL with another database name.
    static func url(_ server: String, database: String) -> String {
        guard
            let slash = server.range(
                of: "/", options: .backwards, range: server.range(of: "://")!.upperBound..<server.endIndex)
        else { return server + "/" + database }
        let query = server[slash.upperBound...].firstIndex(of: "?").map { String(server[$0...]) } ?? ""
        return String(server[..<slash.upperBound]) + database + query
    }
}

extension PostgresConnection {
    /// A single integer from a query.
    func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
        try query(sql, parameters).first?.decode(Int.self, at: 0) ?? -1
    }
}
