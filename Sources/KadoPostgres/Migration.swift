import Foundation

/// One migration: a pair of golang-migrate files `NNNNNN_name.up.sql` and `NNNNNN_name.down.sql`.
public struct Migration: Sendable, Hashable, CustomStringConvertible {
    /// The leading number of the file names.
    public var version: Int64
    /// The part between the number and `.up.sql`, e.g. `kado_promos`.
    public var name: String
    /// The file that applies the migration.
    public var upFile: URL
    /// The file that reverses it.
    public var downFile: URL

    /// Creates a migration from its two files.
    public init(version: Int64, name: String, upFile: URL, downFile: URL) {
        self.version = version
        self.name = name
        self.upFile = upFile
        self.downFile = downFile
    }

    /// The up file's name without `.up.sql`, e.g. `000002_kado_promos`.
    public var description: String {
        String(self.upFile.lastPathComponent.dropLast(".up.sql".count))
    }
}
