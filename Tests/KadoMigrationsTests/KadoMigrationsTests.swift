import Foundation
import KadoMigrations
import KadoPostgres
import KadoTestSupport
import Testing

@Suite("Built-in migrations")
struct KadoMigrationsTests {
    static let directory = RepositoryRoot.appending("migrations")

    /// The `.sql` files of migrations/, name to bytes.
    static func filesOnDisk() throws -> [String: [UInt8]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var files: [String: [UInt8]] = [:]
        for name in names where name.hasSuffix(".sql") {
            files[name] = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return files
    }

    @Test("the binary carries migrations/ byte for byte (if not: make migrations)")
    func sameFiles() throws {
        let onDisk = try Self.filesOnDisk()
        let embedded = KadoMigrations.files.mapValues { Array($0.utf8) }
        let differing = Set(onDisk.keys).union(embedded.keys).sorted().filter { onDisk[$0] != embedded[$0] }
        #expect(
            differing.isEmpty,
            "the built-in migrations differ from migrations/ in \(differing.joined(separator: ", ")): run `make migrations`"
        )
        #expect(!onDisk.isEmpty)
    }

    @Test("the built-in migrations load exactly as those in migrations/")
    func sameMigrations() throws {
        let embedded = try Migrator(source: KadoMigrations.source).migrations()
        let files = try Migrator(directory: Self.directory).migrations()
        #expect(embedded == files)
        #expect(embedded.first?.description == "000001_seed_schema")
    }
}
