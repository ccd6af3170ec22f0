import Foundation
import KadoEngine
import KadoPostgres
import Testing

@testable import KadoStudio

@Suite(
    "The studio reads the database only",
    .enabled(
        if: ProcessInfo.processInfo.environment["KADO_TEST_DATABASE_URL"] != nil,
        "needs KADO_TEST_DATABASE_URL"))
struct StudioDatabaseTests {
    @Test("a write inside the studio's reads is refused by PostgreSQL (SQLSTATE 25006)")
    func readOnly() async throws {
        let url = try #require(ProcessInfo.processInfo.environment["KADO_TEST_DATABASE_URL"])
        let database = Database(configuration: PostgresConfiguration(url: url), health: DatabaseHealth())
        let studio = StudioDatabase(database: database)
        let answer = try await studio.read { c in try c.query("SELECT 41 + 1").first?.decode(Int.self, at: 0)
        }
        #expect(answer == 42)
        await #expect {
            try await studio.read { c in try c.execute("CREATE TABLE kado_studio_probe (x int)") }
        } throws: { error in
            // 25006 also means "connected to a standby" after a failover, so the database
            // layer reports it as unavailable; the server's own refusal is underneath.
            ((error as? PostgresError) ?? (error as? DatabaseUnavailable)?.underlying)?.sqlState == "25006"
        }
        await database.close()
    }
}
