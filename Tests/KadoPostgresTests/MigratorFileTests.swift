import Foundation
import KadoTestSupport
import Testing

@testable import KadoPostgres

@Suite("Migrator files")
struct MigratorFileTests {
    /// A temporary migrations directory with the given files (empty contents).
    static func directory(_ files: [String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kado-migrations-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for file in files {
            try Data("SELECT 1;\n".utf8).write(to: url.appendingPathComponent(file))
        }
        return url
    }

    static func problems(_ files: [String]) throws -> String? {
        let url = try directory(files)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try Migrator(directory: url).migrations()
            return nil
        } catch let error as MigrationError {
            #expect(error.kind == .invalidFiles)
            return error.message
        }
    }

    @Test("the repository's migrations load in order")
    func repositoryMigrations() throws {
        let migrations = try Migrator(directory: TestDatabase.migrationsDirectory).migrations()
        // Versions 1, 2, 3, ... without gaps, one per up/down pair in migrations/.
        let files = try FileManager.default.contentsOfDirectory(atPath: TestDatabase.migrationsDirectory.path)
        let count = files.filter { $0.hasSuffix(".up.sql") }.count
        #expect(count >= 5)
        #expect(migrations.map(\.version) == (1...Int64(count)).map { $0 })
        #expect(migrations.first?.name == "seed_schema")
        #expect(migrations.first?.description == "000001_seed_schema")
    }

    @Test("well-formed files pair up; other files are ignored")
    func valid() throws {
        let url = try Self.directory([
            "000001_a.up.sql", "000001_a.down.sql", "2_b.up.sql", "2_b.down.sql", "README.md",
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let migrations = try Migrator(directory: url).migrations()
        #expect(migrations.map(\.version) == [1, 2])
        #expect(migrations.map(\.name) == ["a", "b"])
    }

    @Test("gaps, duplicates, unpaired and misnamed files are all reported")
    func invalid() throws {
        let message = try #require(
            try Self.problems([
                "000001_a.up.sql", "000001_a.down.sql",
                "000002_b.up.sql", "000002_b.down.sql", "000002_c.up.sql",
                "000003_d.up.sql",
                "000004_e.down.sql",
                "000005_f.up.sql", "000005_g.down.sql",
                "000008_h.up.sql", "000008_h.down.sql",
                "0009-bad.up.sql",
            ]))
        #expect(message.contains("version 2 is used more than once"))
        #expect(message.contains("000003_d.up.sql has no matching .down.sql"))
        #expect(message.contains("000004_e.down.sql has no matching .up.sql"))
        #expect(message.contains("000005_f.up.sql and 000005_g.down.sql should have the same name"))
        #expect(message.contains("6 to 7 missing between 5 and 8"))
        #expect(message.contains("0009-bad.up.sql: expected a name like"))
    }

    @Test("files in memory load as the same files in a directory, with their contents")
    func inMemory() throws {
        let files = [
            "000001_a.up.sql": "CREATE TABLE a ();\n", "000001_a.down.sql": "DROP TABLE a;\n",
            "000002_b.up.sql": "SELECT 2;\n", "000002_b.down.sql": "SELECT 1;\n", "README.md": "ignored",
        ]
        let migrations = try Migrator(source: .files(files, label: "test files")).migrations()
        #expect(migrations.map(\.description) == ["000001_a", "000002_b"])
        #expect(migrations.first?.upSQL == "CREATE TABLE a ();\n")
        #expect(migrations.first?.downFileName == "000001_a.down.sql")

        let url = try Self.directory([])
        defer { try? FileManager.default.removeItem(at: url) }
        for (name, contents) in files {
            try Data(contents.utf8).write(to: url.appendingPathComponent(name))
        }
        #expect(try Migrator(directory: url).migrations() == migrations)
    }

    @Test("problems with files in memory name their label")
    func inMemoryProblems() throws {
        let source = MigrationSource.files(["000001_a.up.sql": "SELECT 1;"], label: "the built-in files")
        let error = #expect(throws: MigrationError.self) { try Migrator(source: source).migrations() }
        #expect(error?.message.hasPrefix("invalid migrations in the built-in files:") == true)
        #expect(error?.message.contains("000001_a.up.sql has no matching .down.sql") == true)
    }

    @Test("an empty or missing directory is an error")
    func emptyOrMissing() throws {
        #expect(try Self.problems([])?.contains("no migration files") == true)
        let missing = Migrator(directory: URL(fileURLWithPath: "/nonexistent/kado-migrations"))
        #expect(throws: MigrationError.self) { try missing.migrations() }
    }
}
