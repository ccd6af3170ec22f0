import KadoTestSupport
import Testing

@testable import KadoPostgres

@Suite("Connecting", .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct PostgresConnectionTests {
    @Test("an unreachable port fails with a .connection error and no password")
    func unreachablePort() async throws {
        var configuration = PostgresConfiguration(url: "postgresql://kado:hunter2@127.0.0.1:1/nowhere")
        configuration.connectTimeout = 5
        let error = await #expect(throws: PostgresError.self) {
            try await PostgresConnection.connect(configuration)
        }
        #expect(error?.kind == .connection)
        let description = error?.description ?? ""
        #expect(description.contains("127.0.0.1"))
        #expect(description.contains("nowhere"))
        #expect(!description.contains("hunter2"))
        #expect(!description.contains("\n"))
    }

    @Test("a malformed URL is a .connection error, not a crash")
    func malformedURL() async throws {
        for url in [
            "postgresql://kado:hunter2@[::1/oops", "not a url = at all", "host=127.0.0.1 port=notaport",
        ] {
            let error = await #expect(throws: PostgresError.self) {
                try await PostgresConnection.connect(PostgresConfiguration(url: url))
            }
            #expect(error?.kind == .connection)
            #expect(error?.description.contains("hunter2") == false)
        }
    }

    @Test("a missing database is reported with libpq's message")
    func missingDatabase() async throws {
        var configuration = TestDatabase.serverConfiguration
        configuration.database = "kado_no_such_database"
        let error = await #expect(throws: PostgresError.self) {
            try await PostgresConnection.connect(configuration)
        }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("kado_no_such_database") == true)
    }

    @Test("a closed connection throws instead of crashing")
    func closed() async throws {
        let connection = try await PostgresConnection.connect(TestDatabase.serverConfiguration)
        #expect(await connection.isOpen)
        await connection.close()
        await connection.close()
        #expect(await !connection.isOpen)
        let error = await #expect(throws: PostgresError.self) {
            try await connection.query("SELECT 1")
        }
        #expect(error?.kind == .connection)
    }

    @Test("COPY through query() is refused and the connection survives")
    func copyThroughQuery() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute("CREATE TABLE t (id int)")
            let error = await #expect(throws: PostgresError.self) {
                try await connection.query("COPY t FROM STDIN")
            }
            #expect(error?.kind == .protocol)
            #expect(try await connection.query("SELECT count(*) FROM t")[0][0, as: Int.self] == 0)
        }
    }
}
