import KadoTestSupport
import Testing

@testable import KadoPostgres

@Suite("Transactions", .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct PostgresTransactionTests {
    struct Abort: Error {}

    @Test("a throwing body rolls back; a returning one commits")
    func rollbackOnThrow() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
            await #expect(throws: Abort.self) {
                try await connection.perform { connection in
                    try connection.transaction { tx in
                        try tx.query("INSERT INTO t VALUES ($1::int)", [1])
                        let inTransaction = tx.isInTransaction
                        #expect(inTransaction)
                        throw Abort()
                    }
                }
            }
            #expect(await !connection.isInTransaction)
            #expect(try await connection.query("SELECT count(*) FROM t")[0][0, as: Int.self] == 0)

            let value = try await connection.perform { connection in
                try connection.transaction { tx in
                    try tx.query("INSERT INTO t VALUES ($1::int)", [2])
                    return "committed"
                }
            }
            #expect(value == "committed")
            #expect(try await connection.query("SELECT id FROM t")[0][0, as: Int.self] == 2)
        }
    }

    @Test("a swallowed statement error cannot be committed")
    func swallowedErrorRollsBack() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await connection.perform { connection in
                    try connection.transaction { tx in
                        try tx.query("INSERT INTO t VALUES (1)")
                        _ = try? tx.query("INSERT INTO t VALUES (1)")
                    }
                }
            }
            #expect(error?.sqlState == "25P02")
            #expect(try await connection.query("SELECT count(*) FROM t")[0][0, as: Int.self] == 0)
        }
    }

    @Test("a savepoint lets a transaction retry after a unique violation")
    func savepointRetry() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute("CREATE TABLE codes (code text PRIMARY KEY, owner int)")
            try await connection.query("INSERT INTO codes VALUES ('TAKEN', 0)")
            let candidates = ["TAKEN", "TAKEN", "FREE"]
            let (code, attempts) = try await connection.perform { connection in
                try connection.transaction { tx in
                    try tx.query("INSERT INTO codes VALUES ('BEFORE', 1)")
                    var attempts = 0
                    for candidate in candidates {
                        attempts += 1
                        do {
                            try tx.savepoint("claim_code") { sp in
                                try sp.query("INSERT INTO codes VALUES ($1::text, 2)", [candidate])
                            }
                            return (candidate, attempts)
                        } catch let error as PostgresError where error.isUniqueViolation {
                            continue
                        }
                    }
                    throw PostgresError(kind: .query, message: "no free code")
                }
            }
            #expect(code == "FREE")
            #expect(attempts == 3)
            let rows = try await connection.query("SELECT code FROM codes ORDER BY code")
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == ["BEFORE", "FREE", "TAKEN"])
        }
    }

    @Test("a nested transaction becomes a savepoint")
    func nestedTransaction() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute("CREATE TABLE t (id int)")
            try await connection.perform { connection in
                try connection.transaction { tx in
                    try tx.query("INSERT INTO t VALUES (1)")
                    _ = try? tx.transaction { inner in
                        try inner.query("INSERT INTO t VALUES (2)")
                        throw Abort()
                    }
                    try tx.query("INSERT INTO t VALUES (3)")
                }
            }
            let rows = try await connection.query("SELECT id FROM t ORDER BY id")
            #expect(try rows.map { try $0.decode(Int.self, at: 0) } == [1, 3])
        }
    }
}
