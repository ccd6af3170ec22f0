/// Where a database stands relative to a set of migration files.
public struct MigrationStatus: Sendable, Hashable {
    /// The version recorded in `schema_migrations`, `nil` when nothing was ever applied.
    public var currentVersion: Int64?
    /// Whether the last migration started but did not finish (golang-migrate's dirty flag).
    public var dirty: Bool
    /// The migrations at or below the current version, oldest first.
    public var applied: [Migration]
    /// The migrations above the current version, oldest first.
    public var pending: [Migration]

    /// Creates a status.
    public init(currentVersion: Int64?, dirty: Bool, applied: [Migration], pending: [Migration]) {
        self.currentVersion = currentVersion
        self.dirty = dirty
        self.applied = applied
        self.pending = pending
    }

    /// Whether the database is clean and nothing is pending.
    public var isUpToDate: Bool { !self.dirty && self.pending.isEmpty }
}
