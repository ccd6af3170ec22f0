/// Why migrating could not start or did not finish.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    /// The kind of problem.
    public enum Kind: String, Sendable, Hashable {
        /// The migration files are missing, unreadable, or inconsistent
        /// (bad names, duplicate versions, an up file without its down file, gaps).
        case invalidFiles
        /// The database is marked dirty: a migration started and did not finish.
        case dirty
        /// The database's version has no migration file, so it cannot be migrated down.
        case unknownVersion
        /// A migration's SQL failed; it was rolled back.
        case failed
        /// The database's version is above every migration file: a newer build migrated it.
        case aheadOfFiles
    }

    /// The kind of problem.
    public var kind: Kind
    /// What went wrong and, where possible, how to fix it; may span several lines.
    public var message: String
    /// The migration version concerned, if any.
    public var version: Int64?
    /// The database error behind a `.failed` migration.
    public var underlying: PostgresError?

    /// Creates an error.
    public init(kind: Kind, message: String, version: Int64? = nil, underlying: PostgresError? = nil) {
        self.kind = kind
        self.message = message
        self.version = version
        self.underlying = underlying
    }

    /// The message.
    public var description: String { self.message }
}
