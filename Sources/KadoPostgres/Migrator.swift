import Foundation

/// Applies golang-migrate style migrations (`NNNNNN_name.up.sql` / `.down.sql`) and keeps
/// golang-migrate's bookkeeping: one row `(version, dirty)` in `schema_migrations`, so a
/// database migrated by golang-migrate can be taken over in place and vice versa.
///
/// Each migration runs in its own transaction. Before it starts, the target version is
/// recorded as dirty (committed); the migration's SQL and the clean mark then commit together.
/// When the SQL fails, the transaction rolls back and the previous clean version is restored,
/// so the flag stays dirty only when a migrator died mid-way (or golang-migrate left it so).
/// A dirty database is refused until someone fixes it by hand. Concurrent migrators are
/// serialized with `pg_advisory_lock`.
///
/// The files come from a directory or from memory (``MigrationSource``), e.g. those built into
/// the `kado` binary.
///
/// ```swift
/// let migrator = Migrator(directory: URL(fileURLWithPath: "migrations"))
/// try await connection.perform { try migrator.up(on: $0) }
/// ```
public struct Migrator: Sendable {
    /// Where the migration files come from.
    public var source: MigrationSource
    /// The bookkeeping table, resolved through `search_path` like golang-migrate's default.
    public var tableName: String

    /// A migrator for the files from `source`.
    public init(source: MigrationSource, tableName: String = "schema_migrations") {
        self.source = source
        self.tableName = tableName
    }

    /// A migrator for the files in `directory`.
    public init(directory: URL, tableName: String = "schema_migrations") {
        self.init(source: .directory(directory), tableName: tableName)
    }

    /// The current version, the dirty flag, and which migrations are applied and pending.
    public func status(on connection: isolated PostgresConnection) throws -> MigrationStatus {
        let migrations = try self.migrations()
        let (current, dirty) = try self.readVersion(connection)
        let applied = migrations.filter { current != nil && $0.version <= current ?? 0 }
        let pending = migrations.filter { current == nil || $0.version > current ?? 0 }
        return MigrationStatus(currentVersion: current, dirty: dirty, applied: applied, pending: pending)
    }

    /// Why `up` would refuse this database (dirty, or migrated past the newest file), `nil`
    /// when it would not: for commands that report a status and want the same words.
    public func refusal(for status: MigrationStatus) -> MigrationError? {
        self.refusal(status.currentVersion, dirty: status.dirty, status.migrations)
    }

    /// Applies the pending migrations in order, at most `limit` of them; returns those applied.
    @discardableResult
    public func up(on connection: isolated PostgresConnection, limit: Int? = nil) throws -> [Migration] {
        let migrations = try self.migrations()
        return try self.withLock(connection) {
            try self.createTableIfNeeded(connection)
            let (current, dirty) = try self.readVersion(connection)
            if let refusal = self.refusal(current, dirty: dirty, migrations) {
                throw refusal
            }
            var pending = migrations.filter { current == nil || $0.version > current ?? 0 }
            if let limit {
                pending = Array(pending.prefix(max(limit, 0)))
            }
            var previous = current
            for migration in pending {
                try self.run(
                    migration.upSQL, from: migration.upFileName, setting: migration.version,
                    restoring: previous, connection)
                previous = migration.version
            }
            return pending
        }
    }

    /// Reverts the last `steps` applied migrations, newest first; returns those reverted.
    @discardableResult
    public func down(on connection: isolated PostgresConnection, steps: Int) throws -> [Migration] {
        let migrations = try self.migrations()
        return try self.withLock(connection) {
            let (current, dirty) = try self.readVersion(connection)
            if dirty {
                throw self.dirtyError(current, migrations)
            }
            guard let current, steps > 0 else { return [] }
            guard var index = migrations.firstIndex(where: { $0.version == current }) else {
                throw MigrationError(
                    kind: .unknownVersion,
                    message: "the database is at version \(current), which has no migration files in "
                        + "\(self.source); cannot migrate down", version: current)
            }
            var reverted: [Migration] = []
            while reverted.count < steps, index >= 0 {
                let migration = migrations[index]
                let target = index > 0 ? migrations[index - 1].version : nil
                try self.run(
                    migration.downSQL, from: migration.downFileName, setting: target,
                    restoring: migration.version, connection)
                reverted.append(migration)
                index -= 1
            }
            return reverted
        }
    }
}
