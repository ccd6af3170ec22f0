import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

/// kado's tables can be distributed by tenant (Citus): read from the catalog of a migrated
/// database, every key of every kado table holds tenant_id, and every foreign key between
/// them matches on it. A new table or key without it fails here.
@Suite(
    "Citus-ready keys: tenant_id in every kado key and join",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct TenantKeyTests {
    /// (table, key name, its columns) for every primary key, unique constraint and unique index.
    static func uniqueKeys(_ c: isolated PostgresConnection) throws -> [(String, String, [String])] {
        try c.query(
            """
            SELECT t.relname, i.relname,
                   array_to_string(ARRAY(SELECT coalesce(a.attname, '(expression)')
                                           FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                                           LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                                          ORDER BY k.n), ',')
              FROM pg_index x
              JOIN pg_class t ON t.oid = x.indrelid
              JOIN pg_class i ON i.oid = x.indexrelid
             WHERE x.indisunique AND t.relnamespace = 'public'::regnamespace AND t.relkind = 'r'
             ORDER BY 1, 2
            """
        ).map { row in
            let (table, key, columns) = try row.decode((String, String, String).self)
            return (table, key, columns.split(separator: ",").map(String.init))
        }
    }

    @Test("every primary key, unique constraint and unique index of a kado table includes tenant_id")
    func keys() async throws {
        let db = try await TestDatabase.make()
        let connection = try await db.connect()
        let keys = try await connection.perform { try Self.uniqueKeys($0) }
        await connection.close()
        let kado = keys.filter { KadoTables.tenantTables.contains($0.0) || $0.0.hasPrefix("kado_") }
        #expect(
            Set(kado.map(\.0)) == Set(KadoTables.tenantTables), "every tenant table has a key, and is listed")
        for (table, key, columns) in kado {
            #expect(columns.contains("tenant_id"), "\(table).\(key) (\(columns.joined(separator: ", ")))")
        }
        // The audience tables and the bookkeeping are not kado's tenant tables.
        #expect(!kado.contains { $0.0 == "users" || $0.0 == "members" || $0.0 == KadoTables.bookkeeping })
    }

    @Test("every kado table has a NOT NULL tenant_id, and every foreign key between them matches on it")
    func foreignKeys() async throws {
        let db = try await TestDatabase.make()
        let connection = try await db.connect()
        let (nullable, foreign) = try await connection.perform { c in
            let nullable = try c.query(
                """
                SELECT t FROM unnest($1::text[]) t
                 WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns col
                                    WHERE col.table_schema = 'public' AND col.table_name = t
                                      AND col.column_name = 'tenant_id' AND col.is_nullable = 'NO')
                """, [KadoTables.tenantTables]
            ).map { try $0.decode(String.self, at: 0) }
            let foreign = try c.query(
                """
                SELECT f.conrelid::regclass::text, f.conname, f.confrelid::regclass::text,
                       EXISTS (SELECT 1 FROM unnest(f.conkey, f.confkey) k(mine, theirs)
                                 JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.mine
                                 JOIN pg_attribute b ON b.attrelid = f.confrelid AND b.attnum = k.theirs
                                WHERE a.attname = 'tenant_id' AND b.attname = 'tenant_id')
                  FROM pg_constraint f
                 WHERE f.contype = 'f' AND f.connamespace = 'public'::regnamespace
                """
            ).map { try $0.decode((String, String, String, Bool).self) }
            return (nullable, foreign)
        }
        await connection.close()
        #expect(nullable.isEmpty, "tables without a NOT NULL tenant_id: \(nullable)")
        let between = foreign.filter {
            KadoTables.tenantTables.contains($0.0) && KadoTables.tenantTables.contains($0.2)
        }
        #expect(between.count >= 3, "eligibilities, notifications and redemptions reference promos")
        for (table, name, referenced, onTenant) in between {
            #expect(onTenant, "\(table).\(name) -> \(referenced) does not match on tenant_id")
        }
    }

    @Test("every join between kado tables in the store layer matches on tenant_id")
    func joins() throws {
        let store = TestDatabase.repositoryRoot.appending(path: "Sources/KadoEngine/Store")
        let files = try FileManager.default.contentsOfDirectory(atPath: store.path).filter {
            $0.hasSuffix(".swift")
        }
        #expect(!files.isEmpty)
        let tables = KadoTables.tenantTables.joined(separator: "|")
        // `JOIN promos p ON <condition up to the next JOIN, WHERE, ORDER, GROUP or line end>`.
        let join = try Regex("JOIN\\s+(\(tables))\\s+(\\w+)\\s+ON\\s+([^\\n]*)")
        var seen = 0
        for file in files {
            let text = try String(contentsOf: store.appending(path: file), encoding: .utf8)
            for match in text.matches(of: join) {
                seen += 1
                let condition = String(text[match.range])
                #expect(condition.contains("tenant_id"), "\(file): \(condition)")
            }
        }
        #expect(seen >= 8, "the store's joins were found (\(seen))")
    }
}
