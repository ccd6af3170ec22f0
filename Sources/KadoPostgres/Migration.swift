/// One migration: a pair of golang-migrate files `NNNNNN_name.up.sql` and `NNNNNN_name.down.sql`.
public struct Migration: Sendable, Hashable, CustomStringConvertible {
    /// The leading number of the file names.
    public var version: Int64
    /// The part between the number and `.up.sql`, e.g. `kado_promos`.
    public var name: String
    /// The file names without `.up.sql` / `.down.sql`, e.g. `000002_kado_promos`.
    public var stem: String
    /// The SQL that applies the migration (the up file's contents).
    public var upSQL: String
    /// The SQL that reverses it (the down file's contents).
    public var downSQL: String

    /// Creates a migration from its files' stem and contents.
    public init(version: Int64, name: String, stem: String, upSQL: String, downSQL: String) {
        self.version = version
        self.name = name
        self.stem = stem
        self.upSQL = upSQL
        self.downSQL = downSQL
    }

    /// The up file's name, e.g. `000002_kado_promos.up.sql`.
    public var upFileName: String { self.stem + ".up.sql" }

    /// The down file's name, e.g. `000002_kado_promos.down.sql`.
    public var downFileName: String { self.stem + ".down.sql" }

    /// The stem, e.g. `000002_kado_promos`.
    public var description: String { self.stem }
}
