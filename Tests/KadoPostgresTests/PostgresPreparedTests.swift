import Foundation
import KadoTestSupport
import Testing

@testable import KadoPostgres

@Suite("Prepared statements", .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct PostgresPreparedTests {
    @Test("prepared once per connection, then executed with new parameters; NULL and errors as for query")
    func preparedOnce() async throws {
        try await TestDatabase.withConnection { connection in
            let sql = "SELECT $1::int * 2, $2::text IS NULL"
            for value in [1, 2, 21] {
                let row = try #require(
                    try await connection.preparedQuery(sql, [value, nil as String?]).first)
                #expect(try row.decode(Int.self, at: 0) == value * 2)
                #expect(try row.decode(Bool.self, at: 1))
            }
            #expect(await connection.preparedStatements.count == 1)
            let prepared = try await connection.query(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", [sql])
            #expect(try prepared.first?.decode(Int.self, at: 0) == 1)
            await #expect(throws: PostgresError.self) {
                try await connection.preparedQuery("SELECT $1::int", ["not a number"])
            }
        }
    }

    @Test(
        "a session shared through a pooler holding another client's statements: a name always means the same SQL"
    )
    func sharedSession() async throws {
        try await TestDatabase.withConnection { other in
            try await TestDatabase.withConnection { connection in
                // Two clients whose first statements differ (a claim and an outcome write, say).
                let mine = "SELECT $1::text || '!'"
                let theirs = "SELECT length($1::text)"
                #expect(PostgresConnection.statementName(mine) != PostgresConnection.statementName(theirs))
                #expect(PostgresConnection.statementName(mine) == PostgresConnection.statementName(mine))
                #expect(try await other.preparedQuery(theirs, ["abc"]).first?.decode(Int.self, at: 0) == 3)
                #expect(
                    try await connection.preparedQuery(mine, ["a"]).first?.decode(String.self, at: 0) == "a!")
                // The other session's statement under the name this client would give it: the same SQL.
                let names = try await other.query("SELECT name FROM pg_prepared_statements").map {
                    try $0.decode(String.self, at: 0)
                }
                #expect(names == [PostgresConnection.statementName(theirs)])
            }
        }
    }

    @Test("a statement the server forgot (DEALLOCATE ALL, as a pooler's DISCARD ALL): unnamed from then on")
    func forgotten() async throws {
        try await TestDatabase.withConnection { connection in
            let sql = "SELECT $1::text || '!'"
            #expect(try await connection.preparedQuery(sql, ["a"]).first?.decode(String.self, at: 0) == "a!")
            try await connection.execute("DEALLOCATE ALL")
            #expect(try await connection.preparedQuery(sql, ["b"]).first?.decode(String.self, at: 0) == "b!")
            #expect(try await connection.preparedQuery(sql, ["c"]).first?.decode(String.self, at: 0) == "c!")
            #expect(await connection.usesPreparedStatements == false)
            #expect(
                try await connection.query("SELECT count(*) FROM pg_prepared_statements").first?.decode(
                    Int.self, at: 0) == 0)
        }
    }

    @Test("KADO_PREPARED_STATEMENTS=0: nothing is prepared on the server")
    func turnedOff() async throws {
        let environment = ["DATABASE_URL": "postgresql://x/y", "KADO_PREPARED_STATEMENTS": "0"]
        #expect(PostgresConfiguration.fromEnvironment(environment).preparedStatements == false)
        #expect(
            PostgresConfiguration.fromEnvironment(["DATABASE_URL": "postgresql://x/y"]).preparedStatements)
        try await TestDatabase.withConfiguration { configuration in
            var configuration = configuration
            configuration.preparedStatements = false
            let connection = try await PostgresConnection.connect(configuration)
            #expect(
                try await connection.preparedQuery("SELECT $1::int + 1", [41]).first?.decode(Int.self, at: 0)
                    == 42)
            #expect(
                try await connection.query("SELECT count(*) FROM pg_prepared_statements").first?.decode(
                    Int.self, at: 0) == 0)
            await connection.close()
        }
    }
}
