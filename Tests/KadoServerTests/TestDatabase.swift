import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport

/// A fresh, migrated database on the throwaway cluster that `make test` starts
/// (KADO_TEST_DATABASE_URL), one per test so tests run in parallel.
struct TestDatabase {
    static let serverURL = ProcessInfo.processInfo.environment["KADO_TEST_DATABASE_URL"]
    static var isAvailable: Bool { serverURL != nil }

    let url: String

    static func make() async throws -> TestDatabase {
        guard let serverURL else { throw CocoaError(.featureUnsupported) }
        let name =
            "kado_http_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try await PostgresConnection.connect(PostgresConfiguration(url: serverURL))
        try await admin.perform { try $0.execute("CREATE DATABASE \(name)") }
        await admin.close()
        let db = TestDatabase(url: Self.url(serverURL, database: String(name)))
        let connection = try await db.connect()
        let migrator = Migrator(directory: RepositoryRoot.appending("migrations"))
        _ = try await connection.perform { try migrator.up(on: $0) }
        await connection.close()
        return db
    }

    var configuration: PostgresConfiguration { PostgresConfiguration(url: url) }

    func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(configuration)
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

extension PostgresConnection {
    /// A single integer from a query.
    func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
        try query(sql, parameters).first?.decode(Int.self, at: 0) ?? -1
    }
}
