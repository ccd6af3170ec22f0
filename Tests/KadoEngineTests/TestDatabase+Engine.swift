import KadoEngine
import KadoPostgres
import KadoTestSupport

extension TestDatabase {
    /// A reconnecting connection for the engine's services.
    func database(health: DatabaseHealth = DatabaseHealth()) -> Database {
        Database(configuration: PostgresConfiguration(url: url), health: health)
    }
}

extension PostgresConnection {
    /// A single integer from a query.
    func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
        try query(sql, parameters).first?.decode(Int.self, at: 0) ?? -1
    }
}
