import KadoTestSupport
import Testing

@testable import KadoPostgres

@Suite("COPY and streaming", .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct PostgresCopyTests {
    /// The values of row `i`: awkward characters in every column, NULL every seventh row.
    static func row(_ i: Int) -> [String?] {
        [
            String(i),
            "name\t\(i)\\with\\backslashes",
            i % 7 == 0 ? nil : "line one\nline two\r\n\"q\" 'a' \\N ü🎂 \(i)",
            i.isMultiple(of: 2) ? "" : #"\."#,
        ]
    }

    @Test("COPY FROM STDIN of 100k rows with awkward characters")
    func copyManyRows() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute(
                "CREATE TABLE people (id int PRIMARY KEY, name text, note text, tail text)")
            let count = try await connection.copyIn(
                "COPY people (id, name, note, tail) FROM STDIN", rows: (1...100_000).lazy.map(Self.row))
            #expect(count == 100_000)
            let totals = try await connection.query(
                "SELECT count(*), count(*) FILTER (WHERE note IS NULL), count(*) FILTER (WHERE tail = '') FROM people"
            )
            let (total, nulls, empties) = try totals[0].decode((Int, Int, Int).self)
            #expect(total == 100_000)
            #expect(nulls == 100_000 / 7)
            #expect(empties == 50_000)
            for i in [1, 2, 7, 4_242, 99_999, 100_000] {
                let row = try await connection.query(
                    "SELECT id::text, name, note, tail FROM people WHERE id = $1::int", [i])
                let values = try (0..<4).map { try row[0].text(at: $0) }
                #expect(values == Self.row(i))
            }
        }
    }

    @Test("a bad COPY row fails with the server's error and the connection stays usable")
    func copyError() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute("CREATE TABLE t (id int)")
            let error = await #expect(throws: PostgresError.self) {
                try await connection.copyIn("COPY t (id) FROM STDIN", rows: [["1"], ["not a number"]])
            }
            #expect(error?.kind == .copy)
            #expect(error?.sqlState == "22P02")
            let nul = await #expect(throws: PostgresError.self) {
                try await connection.copyIn("COPY t (id) FROM STDIN", rows: [["1\u{0}"]])
            }
            #expect(nul?.kind == .copy)
            #expect(try await connection.query("SELECT count(*) FROM t")[0][0, as: Int.self] == 0)
        }
    }

    @Test("forEachRow streams rows one at a time")
    func streaming() async throws {
        try await TestDatabase.withConnection { connection in
            let (count, sum) = try await connection.perform { connection in
                try connection.transaction { tx in
                    var count = 0
                    var sum = 0
                    try tx.forEachRow("SELECT g, 'x' || g FROM generate_series(1, $1::int) g", [200_000]) {
                        row in
                        count += 1
                        sum += try row.decode(Int.self, at: 0)
                        #expect(try row.decode(String.self, at: 1) == "x\(count)")
                    }
                    return (count, sum)
                }
            }
            #expect(count == 200_000)
            #expect(sum == 200_000 * 200_001 / 2)
        }
    }

    struct Enough: Error {}

    /// Streams a million rows and stops after `limit`; returns how many rows the body saw.
    static func stopEarly(_ connection: isolated PostgresConnection, limit: Int) -> Int {
        var seen = 0
        do {
            try connection.forEachRow("SELECT g FROM generate_series(1, 1000000) g") { _ in
                seen += 1
                if seen == limit { throw Enough() }
            }
        } catch {
            #expect(error is Enough)
        }
        return seen
    }

    @Test("a throwing body stops streaming, in or out of a transaction; the connection stays usable")
    func streamingStops() async throws {
        try await TestDatabase.withConnection { connection in
            // Outside a transaction the statement is cancelled.
            #expect(await Self.stopEarly(connection, limit: 10) == 10)
            #expect(try await connection.query("SELECT 1")[0][0, as: Int.self] == 1)

            // Inside one the rest is read and dropped, and the transaction can go on.
            let (seen, after) = try await connection.perform { connection in
                try connection.transaction { tx in
                    let seen = Self.stopEarly(tx, limit: 5)
                    return (seen, try tx.query("SELECT 2")[0][0, as: Int.self])
                }
            }
            #expect(seen == 5)
            #expect(after == 2)
            #expect(await connection.takeNotices().isEmpty)
        }
    }
}
