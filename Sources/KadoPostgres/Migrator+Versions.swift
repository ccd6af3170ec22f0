extension Migrator {
    /// The bookkeeping table's name, quoted.
    func table(_ connection: isolated PostgresConnection) throws -> String {
        try connection.escapeIdentifier(self.tableName)
    }

    /// Creates golang-migrate's table if it does not exist yet.
    func createTableIfNeeded(_ connection: isolated PostgresConnection) throws {
        guard try !self.tableExists(connection) else { return }
        try connection.execute(
            "CREATE TABLE IF NOT EXISTS \(try self.table(connection)) "
                + "(version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)")
    }

    private func tableExists(_ connection: isolated PostgresConnection) throws -> Bool {
        let rows = try connection.query(
            "SELECT to_regclass($1::text) IS NOT NULL", [try self.table(connection)])
        return try rows.first?.decode(Bool.self, at: 0) ?? false
    }

    /// The recorded version (`nil` for none, golang-migrate's -1 included) and dirty flag.
    func readVersion(_ connection: isolated PostgresConnection) throws -> (Int64?, Bool) {
        guard try self.tableExists(connection) else { return (nil, false) }
        let rows = try connection.query(
            "SELECT version, dirty FROM \(try self.table(connection)) ORDER BY version DESC LIMIT 1")
        guard let row = rows.first else { return (nil, false) }
        let (version, dirty) = try row.decode((Int64, Bool).self)
        return (version >= 0 ? version : nil, dirty)
    }

    /// Replaces the bookkeeping row as golang-migrate does: empty the table, then insert the
    /// version (-1 stands for "none" when it must be recorded dirty). Call inside a transaction.
    func setVersion(_ version: Int64?, dirty: Bool, _ connection: isolated PostgresConnection) throws {
        let table = try self.table(connection)
        try connection.execute("TRUNCATE \(table)")
        if version != nil || dirty {
            try connection.query(
                "INSERT INTO \(table) (version, dirty) VALUES ($1::bigint, $2::boolean)",
                [version ?? -1, dirty])
        }
    }

    /// Runs `body` holding a session advisory lock for this database, schema and table.
    func withLock<T>(_ connection: isolated PostgresConnection, _ body: () throws -> T) throws -> T {
        let key =
            "hashtextextended(concat_ws('.', 'kado.migrate', current_database(), current_schema(), $1::text), 0)"
        try connection.query("SELECT pg_advisory_lock(\(key))", [self.tableName])
        defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(key))", [self.tableName]) }
        return try body()
    }

    /// The refusal for a dirty database, with the files to check and the statements to fix it.
    func dirtyError(_ version: Int64?, _ migrations: [Migration]) -> MigrationError {
        let file = migrations.first { $0.version == version }.map { "\($0.description).up.sql / .down.sql" }
        let before = migrations.last { $0.version < version ?? Int64.min }?.version
        let table = self.tableName
        var message =
            "the database is dirty at version \(Self.name(version)): a migration started and did not "
        message += "finish, so its changes may be partly applied. Fix it by hand: compare the schema with "
        message += "\(file ?? "the migration files"), complete or undo the changes, then record the version "
        message += "that matches the schema, e.g.\n"
        if let version {
            message +=
                "  UPDATE \(table) SET version = \(version), dirty = false;  -- its changes are all in place\n"
        }
        if let before {
            message +=
                "  UPDATE \(table) SET version = \(before), dirty = false;  -- none of its changes remain"
        } else {
            message += "  DELETE FROM \(table);  -- none of its changes remain (nothing applied)"
        }
        return MigrationError(kind: .dirty, message: message, version: version)
    }

    /// Why `up` refuses a database at `current`: dirty, or migrated past the newest of
    /// `migrations` (a newer build migrated it); `nil` when it does not.
    func refusal(_ current: Int64?, dirty: Bool, _ migrations: [Migration]) -> MigrationError? {
        if dirty {
            return self.dirtyError(current, migrations)
        }
        guard let current, let newest = migrations.last, current > newest.version else { return nil }
        return MigrationError(
            kind: .aheadOfFiles,
            message: "the database is at version \(current), newer than the newest migration in "
                + "\(self.source) (\(newest)): a newer build migrated it. Run that build, or roll the "
                + "schema back with it (`migrate down`) before using this one",
            version: current)
    }
}
