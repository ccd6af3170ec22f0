extension Migrator {
    /// Runs one migration file's `sql` with the dirty protocol: mark `target` dirty (committed),
    /// then in one transaction run the SQL and mark `target` clean. On failure the transaction
    /// rolls back and `previous` is recorded clean again, since nothing was applied.
    func run(
        _ sql: String, from file: String, setting target: Int64?, restoring previous: Int64?,
        _ connection: isolated PostgresConnection
    ) throws {
        try connection.transaction { try self.setVersion(target, dirty: true, $0) }
        do {
            try connection.transaction { connection in
                try connection.execute(sql)
                try self.setVersion(target, dirty: false, connection)
            }
        } catch let error as PostgresError {
            var message =
                "\(file)\(Self.location(of: error, in: sql)): \(Self.summary(error))"
            do {
                try connection.transaction { try self.setVersion(previous, dirty: false, $0) }
                message +=
                    "\nthe migration was rolled back; the database is still at version \(Self.name(previous))"
            } catch {
                message += "\nthe database is left marked dirty at version \(Self.name(target)): \(error)"
            }
            throw MigrationError(kind: .failed, message: message, version: target, underlying: error)
        }
    }

    /// The error without the (possibly long) statement, which is the migration file itself.
    private static func summary(_ error: PostgresError) -> String {
        var short = error
        short.query = nil
        return short.description
    }

    /// `:LINE:COLUMN` of the error position inside the file, or nothing when not reported.
    private static func location(of error: PostgresError, in sql: String) -> String {
        guard let position = error.position, position > 0 else { return "" }
        var line = 1
        var column = 1
        // PostgreSQL counts positions in characters of the server encoding: Unicode scalars in UTF-8.
        for scalar in sql.unicodeScalars.prefix(position - 1) {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return ":\(line):\(column)"
    }

    static func name(_ version: Int64?) -> String {
        version.map { String($0) } ?? "none (no migration applied)"
    }
}
