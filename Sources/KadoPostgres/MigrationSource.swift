import Foundation

/// Where a ``Migrator`` finds its golang-migrate files (`NNNNNN_name.up.sql` / `.down.sql`):
/// a directory on disk, or the same files held in memory, such as those compiled into the
/// binary so that it migrates from any working directory.
public enum MigrationSource: Sendable, Hashable, CustomStringConvertible {
    /// The `.sql` files in a directory, read when the migrations are loaded; other files are ignored.
    case directory(URL)
    /// Files in memory, file name (`000001_name.up.sql`) to contents; `label` names them in messages.
    case files([String: String], label: String)

    /// How messages name the source: the directory's path, or the label.
    public var description: String {
        switch self {
        case .directory(let url): url.path
        case .files(_, let label): label
        }
    }

    /// The `.sql` files, name to contents.
    ///
    /// - Throws: ``MigrationError`` of kind `.invalidFiles` when the directory or a file in it
    ///   cannot be read.
    func sqlFiles() throws -> [String: String] {
        switch self {
        case .files(let files, _):
            return files.filter { $0.key.hasSuffix(".sql") }
        case .directory(let url):
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: url.path)
            } catch {
                throw MigrationError(
                    kind: .invalidFiles, message: "cannot read migrations directory \(url.path): \(error)")
            }
            var files: [String: String] = [:]
            for name in names where name.hasSuffix(".sql") {
                let file = url.appendingPathComponent(name)
                do {
                    files[name] = try String(contentsOf: file, encoding: .utf8)
                } catch {
                    throw MigrationError(kind: .invalidFiles, message: "cannot read \(file.path): \(error)")
                }
            }
            return files
        }
    }
}
