import KadoEngine
import KadoPostgres
import KadoTestSupport

extension TestDatabase {
    /// A reconnecting connection for the engine's services.
    func database(health: DatabaseHealth = DatabaseHealth()) -> Database {
        Database(configuration: PostgresConfiguration(url: url), health: health)
    }
}
