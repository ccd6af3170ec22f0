import Foundation
import KadoTestSupport
import Testing

@testable import KadoPostgres

@Suite("Queries", .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct PostgresQueryTests {
    @Test("text parameters round-trip: quotes, backslashes, unicode, NULL")
    func parameterRoundTrip() async throws {
        try await TestDatabase.withConnection { connection in
            let awkward =
                #"it's "quoted" \ back\\slash"# + "\ttab\nnewline\r\u{1F382} Selamat ulang tahun 🎉 ünï"
            let none: String? = nil
            let rows = try await connection.query(
                "SELECT $1::text, $2::int, $3::bigint, $4::boolean, $5::float8, $6::text, $7::text IS NULL",
                [awkward, Int32(-7), Int64.max, true, 0.1, "'; DROP TABLE users; --", none])
            let row = try #require(rows.first)
            #expect(try row.decode(String.self, at: 0) == awkward)
            #expect(try row.decode(Int32.self, at: 1) == -7)
            #expect(try row.decode(Int64.self, at: 2) == Int64.max)
            #expect(try row.decode(Bool.self, at: 3))
            #expect(try row.decode(Double.self, at: 4) == 0.1)
            #expect(try row.decode(String.self, at: 5) == "'; DROP TABLE users; --")
            #expect(try row.decode(Bool.self, at: 6))
        }
    }

    @Test("arrays are sent as PostgreSQL array literals")
    func arrays() async throws {
        try await TestDatabase.withConnection { connection in
            let strings = [
                "plain", "", "with,comma", #"q"uote"#, #"back\slash"#, "{braces}", "NULL", "spa ce", "ü🎂",
            ]
            let rows = try await connection.query(
                "SELECT s, n FROM unnest($1::text[]) WITH ORDINALITY AS t(s, n) ORDER BY n", [strings])
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == strings)

            let numbers = try await connection.query(
                "SELECT array_length($1::int[], 1), (SELECT sum(x) FROM unnest($1::int[]) x)::int, "
                    + "cardinality($2::int[]), array_position($3::text[], NULL)",
                [[1, -2, 30], [Int](), ["a", nil, "b"] as [String?]])
            let (length, sum, empty, nullAt) = try #require(numbers.first).decode((Int, Int, Int, Int).self)
            #expect(length == 3)
            #expect(sum == 29)
            #expect(empty == 0)
            #expect(nullAt == 2)

            let nested = try await connection.query("SELECT ($1::int[])[2][1]", [[[1, 2], [3, 4]]])
            #expect(try nested[0][0, as: Int.self] == 3)
        }
    }

    @Test("typed decoding by position, by name, as a tuple, and NULL as Optional")
    func decoding() async throws {
        try await TestDatabase.withConnection { connection in
            let rows = try await connection.query(
                "SELECT 42 AS answer, 'x'::text AS name, NULL::int AS missing, 't'::bool AS ok, "
                    + "'NaN'::float8 AS nan, 2.5::numeric AS amount")
            let row = try #require(rows.first)
            #expect(rows.count == 1)
            #expect(rows.columns == ["answer", "name", "missing", "ok", "nan", "amount"])
            #expect(try row[0, as: Int.self] == 42)
            #expect(try row["name", as: String.self] == "x")
            #expect(try row.decode(Int?.self, column: "missing") == nil)
            #expect(try row.decode(Int?.self, at: 0) == 42)
            #expect(try row.decode(Double.self, at: 4).isNaN)
            #expect(try row.decode(Double.self, column: "amount") == 2.5)
            let (answer, name, missing, ok, _, _) = try row.decode(
                (Int, String, Int?, Bool, Double, Double).self)
            #expect(answer == 42 && name == "x" && missing == nil && ok)
            #expect(try await connection.query("SELECT 7")[0].decode(Int.self) == 7)
        }
    }

    @Test("decoding errors name the column and the problem")
    func decodingErrors() async throws {
        try await TestDatabase.withConnection { connection in
            let row = try #require(
                try await connection.query("SELECT 'abc'::text AS word, NULL::int AS nothing").first)
            let notInt = #expect(throws: PostgresError.self) { try row.decode(Int.self, at: 0) }
            #expect(notInt?.kind == .decoding)
            #expect(notInt?.message.contains("\"word\"") == true)
            let null = #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "nothing") }
            #expect(null?.message.contains("NULL") == true)
            #expect(throws: PostgresError.self) { try row.decode(Int.self, at: 5) }
            #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "nope") }
            #expect(throws: PostgresError.self) { try row.decode((String, Int?, Int).self) }
        }
    }

    @Test("a unique violation carries SQLSTATE 23505, the constraint and the query")
    func uniqueViolation() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute("CREATE TABLE codes (code text CONSTRAINT codes_code_key UNIQUE)")
            let insert = "INSERT INTO codes (code) VALUES ($1::text)"
            let first = try await connection.query(insert, ["BDAY-1"])
            #expect(first.affectedRows == 1)
            let error = await #expect(throws: PostgresError.self) {
                try await connection.query(insert, ["BDAY-1"])
            }
            #expect(error?.isUniqueViolation == true)
            #expect(error?.sqlState == "23505")
            #expect(error?.kind == .query)
            #expect(error?.constraint == "codes_code_key")
            #expect(error?.tableName == "codes")
            #expect(error?.schemaName == "public")
            #expect(error?.query == insert)
            let description = error?.description ?? ""
            #expect(description.hasPrefix("ERROR 23505 (unique_violation): duplicate key value"))
            #expect(description.contains("codes_code_key"))
            let debug = error?.debugDescription ?? ""
            #expect(debug.hasPrefix(description))
            #expect(debug.contains("Key (code)=(BDAY-1) already exists"))
            #expect(debug.contains("query: INSERT INTO codes"))
            #expect(await connection.isOpen)
        }
    }

    @Test("a unique violation's description keeps the key values and the statement out of logs")
    func uniqueViolationDescriptionIsSafeToLog() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute(
                "CREATE TABLE promos (tenant_id text, promo_code text, CONSTRAINT promos_tenant_code UNIQUE (tenant_id, promo_code))"
            )
            let insert = "INSERT INTO promos VALUES ($1::text, $2::text)"
            try await connection.query(insert, ["sayakaya", "BDAY-XYZ"])
            let error = await #expect(throws: PostgresError.self) {
                try await connection.query(insert, ["sayakaya", "BDAY-XYZ"])
            }
            let description = error?.description ?? ""
            #expect(
                description
                    == #"ERROR 23505 (unique_violation): duplicate key value violates unique constraint "promos_tenant_code""#
            )
            #expect(!description.contains("sayakaya"))
            #expect(!description.contains("BDAY-XYZ"))
            #expect(!description.contains("INSERT"))
            #expect(error?.detail?.contains("BDAY-XYZ") == true)
        }
    }

    @Test("the catalog tells which columns a unique violation is about, for constraints and indexes")
    func uniqueKeyColumns() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute(
                """
                CREATE SCHEMA seed;
                CREATE TABLE seed.promos (id int, tenant_id text, promo_code varchar(50), note text,
                                          CONSTRAINT promos_promo_code_key UNIQUE (promo_code));
                CREATE UNIQUE INDEX promos_tenant_note ON seed.promos (tenant_id, lower(note)) INCLUDE (id);
                CREATE TABLE promos (tenant_id text, promo_code text, other text NOT NULL);
                CREATE UNIQUE INDEX promos_code_key ON promos (tenant_id, promo_code) WHERE promo_code IS NOT NULL;
                """)
            func violation(_ sql: String) async throws -> PostgresError {
                let error = await #expect(throws: PostgresError.self) { try await connection.execute(sql) }
                return try #require(error)
            }
            let seed = try await violation(
                "INSERT INTO seed.promos VALUES (1, 'a', 'X', 'n'), (2, 'b', 'X', 'm')")
            #expect(seed.schemaName == "seed")
            #expect(seed.tableName == "promos")
            #expect(seed.constraint == "promos_promo_code_key")
            #expect(try await connection.uniqueKeyColumns(of: seed) == ["promo_code"])

            let expression = try await violation(
                "INSERT INTO seed.promos VALUES (3, 'c', 'Y', 'N'), (4, 'c', 'Z', 'n')")
            #expect(expression.constraint == "promos_tenant_note")
            #expect(try await connection.uniqueKeyColumns(of: expression) == ["tenant_id"])

            let kado = try await violation("INSERT INTO promos VALUES ('t', 'K', 'o'), ('t', 'K', 'o')")
            #expect(kado.schemaName == "public")
            #expect(kado.constraint == "promos_code_key")
            #expect(try await connection.uniqueKeyColumns(of: kado) == ["tenant_id", "promo_code"])

            let notNull = try await violation("INSERT INTO promos VALUES ('t', 'L', NULL)")
            #expect(notNull.columnName == "other")
            #expect(notNull.tableName == "promos")
            #expect(try await connection.uniqueKeyColumns(of: notNull) == nil)
        }
    }

    @Test("execute runs several statements; notices are collected, not printed")
    func executeAndNotices() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute(
                """
                CREATE TABLE t (id int);
                INSERT INTO t VALUES (1), (2);
                DROP TABLE IF EXISTS not_there;
                DO $$ BEGIN RAISE NOTICE 'hello from plpgsql'; END $$;
                """)
            let notices = await connection.takeNotices()
            #expect(notices.contains { $0.contains("hello from plpgsql") })
            #expect(notices.contains { $0.contains("not_there") })
            #expect(await connection.takeNotices().isEmpty)
            let count = try await connection.query("SELECT count(*) FROM t")
            #expect(try count[0][0, as: Int.self] == 2)
            let update = try await connection.query("UPDATE t SET id = id + 1")
            #expect(update.affectedRows == 2)
            #expect(update.commandStatus == "UPDATE 2")
        }
    }

    @Test("libpq calls run on the connection's own queue, not the cooperative pool")
    func runsOnOwnQueue() async throws {
        try await TestDatabase.withConfiguration { configuration in
            let connection = try await PostgresConnection.connect(configuration)
            let onQueue = try await connection.perform { connection in
                try connection.transaction { connection in
                    connection.executor.isCurrent
                }
            }
            #expect(onQueue)
            #expect(!connection.executor.isCurrent)
            await connection.close()

            // While four connections sit in pg_sleep, the cooperative pool (two threads here)
            // must stay free: a task on it finishes before any sleep does. Checked by order,
            // not by timing.
            let connections = try await withThrowingTaskGroup(of: PostgresConnection.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await PostgresConnection.connect(configuration) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let order = CompletionOrder()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for connection in connections {
                    group.addTask {
                        try await connection.query("SELECT pg_sleep(2)")
                        await order.append("sleep")
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(300))
                    await order.append("pool task")
                }
                try await group.waitForAll()
            }
            #expect(await order.items.first == "pool task")
            for connection in connections {
                await connection.close()
            }
        }
    }
}

/// Records the order in which concurrent tasks finish.
private actor CompletionOrder {
    var items: [String] = []
    func append(_ item: String) { items.append(item) }
}
