import Foundation
import KadoTestSupport
import Testing

@testable import KadoPostgres

@Suite("Migrator", .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct MigratorTests {
    let migrator = Migrator(directory: TestDatabase.migrationsDirectory)

    /// The shipped migrations' versions, in order (the tests follow what migrations/ holds).
    var versions: [Int64] { (try? migrator.migrations().map(\.version)) ?? [] }

    static func columns(_ connection: PostgresConnection, _ table: String) async throws -> [String] {
        let rows = try await connection.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $1::text ORDER BY ordinal_position",
            [table])
        return try rows.map { try $0.decode(String.self, at: 0) }
    }

    static func versionRows(_ connection: PostgresConnection) async throws -> [String] {
        let rows = try await connection.query(
            "SELECT version::text || ':' || dirty::text FROM schema_migrations")
        return try rows.map { try $0.decode(String.self, at: 0) }
    }

    @Test("up from an empty database, status, then seed-style inserts still work")
    func upFromEmpty() async throws {
        try await TestDatabase.withConnection { connection in
            let before = try await migrator.status(on: connection)
            #expect(before.currentVersion == nil)
            #expect(before.pending.count == versions.count)

            let applied = try await migrator.up(on: connection)
            #expect(applied.map(\.version) == versions)
            let status = try await migrator.status(on: connection)
            #expect(status.currentVersion == versions.last)
            #expect(!status.dirty)
            #expect(status.applied.count == versions.count)
            #expect(status.isUpToDate)
            #expect(try await Self.versionRows(connection) == ["\(versions.last ?? 0):false"])
            #expect(try await migrator.up(on: connection).isEmpty)

            try await connection.execute(
                """
                INSERT INTO users (name, email, phone_number, birthday, verified_status)
                    VALUES ('Ayu', 'ayu@example.com', '+6281234567890', '1990-05-17', true);
                INSERT INTO promos (promo_code, name, amount, start_date, end_date)
                    VALUES ('BDAY10', 'Birthday Special Promo', 10000, '2024-05-17', '2024-05-17');
                INSERT INTO promo_eligibilities (promo_id, user_id) VALUES (1, 1);
                INSERT INTO members (full_name, email_address, date_of_birth, is_verified)
                    VALUES ('Luna', 'luna@example.com', '1992-02-29', true);
                """)
            let promo = try await connection.query(
                "SELECT tenant_id, discount_type, code_style, amount FROM promos WHERE promo_code = 'BDAY10'")
            let (tenant, discount, style, amount) = try promo[0].decode((String, String, String, Int64).self)
            #expect(tenant == "" && discount == "fixed" && style == "shared" && amount == 10_000)
            let birthday = try await connection.query(
                "SELECT id FROM users WHERE kado_month_day(birthday) = $1::int AND verified_status IS TRUE",
                [517])
            #expect(try birthday.map { try $0.decode(Int.self, at: 0) } == [1])
            // The foreign key to users is gone: eligibilities may point at another tenant's audience.
            try await connection.query("INSERT INTO promo_eligibilities (promo_id, user_id) VALUES (1, 999)")
        }
    }

    @Test("up with a limit, down N steps, and a full up/down/up round trip")
    func upDownRoundTrip() async throws {
        try await TestDatabase.withConnection { connection in
            #expect(try await migrator.up(on: connection, limit: 2).map(\.version) == [1, 2])
            let rest = Array(versions.dropFirst(2))
            #expect(try await migrator.status(on: connection).pending.map(\.version) == rest)
            #expect(try await migrator.up(on: connection).map(\.version) == rest)

            let reverted = try await migrator.down(on: connection, steps: versions.count - 2)
            #expect(reverted.map(\.version) == rest.reversed())
            #expect(try await migrator.status(on: connection).currentVersion == 2)
            #expect(try await Self.columns(connection, "notifications").isEmpty)
            #expect(try await Self.columns(connection, "promos").contains("rule_id"))

            #expect(try await migrator.down(on: connection, steps: 10).map(\.version) == [2, 1])
            #expect(try await migrator.status(on: connection).currentVersion == nil)
            #expect(try await Self.versionRows(connection).isEmpty)
            #expect(try await Self.columns(connection, "users").isEmpty)
            #expect(try await migrator.down(on: connection, steps: 1).isEmpty)

            #expect(try await migrator.up(on: connection).count == versions.count)
            #expect(try await Self.columns(connection, "members").first == "member_id")
            #expect(try await migrator.status(on: connection).isUpToDate)
        }
    }

    @Test("a dirty database is refused with the version and how to fix it")
    func dirtyRefusal() async throws {
        try await TestDatabase.withConnection { connection in
            try await migrator.up(on: connection, limit: 2)
            try await connection.execute("UPDATE schema_migrations SET dirty = true")
            let error = await #expect(throws: MigrationError.self) {
                try await migrator.up(on: connection)
            }
            #expect(error?.kind == .dirty)
            #expect(error?.version == 2)
            #expect(error?.message.contains("dirty at version 2") == true)
            #expect(error?.message.contains("000002_kado_promos") == true)
            #expect(
                error?.message.contains("UPDATE schema_migrations SET version = 1, dirty = false") == true)
            await #expect(throws: MigrationError.self) { try await migrator.down(on: connection, steps: 1) }
            let status = try await migrator.status(on: connection)
            #expect(status.dirty && status.currentVersion == 2)
        }
    }

    @Test("a database a newer build migrated is not called up to date, and up refuses it")
    func databaseAheadOfFiles() async throws {
        // An older build: it knows only the first two shipped migrations.
        let directory = try MigratorFileTests.directory([])
        defer { try? FileManager.default.removeItem(at: directory) }
        let older = Array(try migrator.migrations().prefix(2))
        for migration in older {
            try Data(migration.upSQL.utf8).write(to: directory.appendingPathComponent(migration.upFileName))
            try Data(migration.downSQL.utf8).write(
                to: directory.appendingPathComponent(migration.downFileName))
        }
        let olderMigrator = Migrator(directory: directory)
        try await TestDatabase.withConnection { connection in
            try await migrator.up(on: connection, limit: 3)
            let status = try await olderMigrator.status(on: connection)
            #expect(status.currentVersion == versions[2])
            #expect(status.pending.isEmpty)
            #expect(status.isAheadOfFiles)
            #expect(!status.isUpToDate)
            let refusal = olderMigrator.refusal(for: status)
            #expect(refusal?.kind == .aheadOfFiles)
            #expect(refusal?.version == versions[2])
            #expect(
                refusal?.message.hasPrefix(
                    "the database is at version \(versions[2]), newer than the newest migration in \(directory.path) (\(older[1]))"
                ) == true)

            let error = await #expect(throws: MigrationError.self) {
                try await olderMigrator.up(on: connection)
            }
            #expect(error?.kind == .aheadOfFiles)
            #expect(try await Self.versionRows(connection) == ["\(versions[2]):false"])

            // The build that migrated it sees nothing wrong.
            let newer = try await migrator.status(on: connection)
            #expect(!newer.isAheadOfFiles && migrator.refusal(for: newer) == nil)
        }
    }

    @Test("a failing migration rolls back and leaves the database clean at the previous version")
    func failingMigration() async throws {
        let directory = try MigratorFileTests.directory([])
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("CREATE TABLE a (id int);\n".utf8).write(to: directory.appendingPathComponent("1_a.up.sql"))
        try Data("DROP TABLE a;\n".utf8).write(to: directory.appendingPathComponent("1_a.down.sql"))
        try Data("CREATE TABLE b (id int);\nALTER TABLE a ADD COLUMN x nosuchtype;\n".utf8)
            .write(to: directory.appendingPathComponent("2_b.up.sql"))
        try Data("DROP TABLE b;\n".utf8).write(to: directory.appendingPathComponent("2_b.down.sql"))
        let migrator = Migrator(directory: directory)
        try await TestDatabase.withConnection { connection in
            let error = await #expect(throws: MigrationError.self) {
                try await migrator.up(on: connection)
            }
            #expect(error?.kind == .failed)
            #expect(error?.underlying?.sqlState == "42704")
            #expect(error?.message.hasPrefix("2_b.up.sql:2:") == true)
            let status = try await migrator.status(on: connection)
            #expect(status.currentVersion == 1 && !status.dirty)
            #expect(try await Self.columns(connection, "b").isEmpty)
        }
    }

    @Test("a database migrated by the seed (golang-migrate at version 1) upgrades in place")
    func seedUpgrade() async throws {
        try await TestDatabase.withConnection { connection in
            try await connection.execute(
                """
                CREATE TABLE users (id SERIAL PRIMARY KEY, name VARCHAR(255), email VARCHAR(255),
                    phone_number VARCHAR(20), birthday DATE, verified_status BOOLEAN);
                CREATE TABLE promos (id SERIAL PRIMARY KEY, promo_code VARCHAR(50), name VARCHAR(255),
                    amount INT, start_date DATE, end_date DATE);
                CREATE TABLE promo_eligibilities (promo_id INT REFERENCES promos(id),
                    user_id INT REFERENCES users(id), claimed_at TIMESTAMPTZ, PRIMARY KEY (promo_id, user_id));
                INSERT INTO users (name, email, phone_number, birthday, verified_status) VALUES
                    ('Budi', 'budi@example.com', '081234567890', '1995-08-17', true),
                    ('Sari', 'sari@example.com', '081298765432', '1998-01-02', false);
                INSERT INTO promos (promo_code, name, amount, start_date, end_date)
                    VALUES ('HBD-BUDI', 'Birthday Special Promo', 10000, '2024-08-17', '2024-08-17');
                INSERT INTO promo_eligibilities (promo_id, user_id, claimed_at) VALUES (1, 1, NULL);
                CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
                INSERT INTO schema_migrations (version, dirty) VALUES (1, false);
                """)
            let applied = try await migrator.up(on: connection)
            #expect(applied.map(\.version) == Array(versions.dropFirst()))
            #expect(try await Self.versionRows(connection) == ["\(versions.last ?? 0):false"])

            let promoColumns = try await Self.columns(connection, "promos")
            for column in [
                "tenant_id", "rule_id", "occurrence_date", "discount_type", "code_style", "valid_until",
            ] {
                #expect(promoColumns.contains(column))
            }
            #expect(try await Self.columns(connection, "promo_eligibilities").contains("promo_code"))
            #expect(try await !Self.columns(connection, "notifications").isEmpty)
            #expect(try await !Self.columns(connection, "kado_runs").isEmpty)

            let users = try await connection.query(
                "SELECT name, email, verified_status FROM users ORDER BY id")
            #expect(try users.map { try $0.decode((String, String, Bool).self).0 } == ["Budi", "Sari"])
            let promo = try await connection.query(
                "SELECT promo_code, amount, tenant_id FROM promos WHERE id = 1")
            let (code, amount, tenant) = try promo[0].decode((String, Int64, String).self)
            #expect(code == "HBD-BUDI" && amount == 10_000 && tenant == "")
            let eligibility = try await connection.query("SELECT user_id FROM promo_eligibilities")
            #expect(try eligibility[0][0, as: Int.self] == 1)
            // The seed's foreign key to users is gone.
            try await connection.query(
                "INSERT INTO promo_eligibilities (promo_id, user_id) VALUES (1, 424242)")
        }
    }

    @Test("concurrent migrators apply each migration once")
    func concurrentMigrators() async throws {
        try await TestDatabase.withConfiguration { configuration in
            let migrator = self.migrator
            let applied = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        let connection = try await PostgresConnection.connect(configuration)
                        let count = try await migrator.up(on: connection).count
                        await connection.close()
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(applied == versions.count)
        }
    }
}
