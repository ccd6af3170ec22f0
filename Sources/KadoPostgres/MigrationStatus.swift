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

    /// Every migration among the files, oldest first.
    public var migrations: [Migration] { self.applied + self.pending }

    /// The newest migration among the files, `nil` when there are none.
    public var newestKnown: Migration? { self.pending.last ?? self.applied.last }

    /// Whether the database records a version above every migration file: a newer build
    /// (or another tool) migrated it, so this build's statements may not fit its schema.
    public var isAheadOfFiles: Bool {
        guard let currentVersion else { return false }
        return currentVersion > self.newestKnown?.version ?? Int64.min
    }

    /// Whether the database is clean, nothing is pending, and it is not ahead of the files.
    public var isUpToDate: Bool { !self.dirty && self.pending.isEmpty && !self.isAheadOfFiles }
}
