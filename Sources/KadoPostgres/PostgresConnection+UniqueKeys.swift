extension PostgresConnection {
    /// The key columns, in key order, of the unique constraint or unique index a unique
    /// violation names, read from the catalog (`pg_index`): e.g. `["tenant_id",
    /// "promo_code"]` for kado's `promos_code_key`, `["promo_code"]` for a seed database's
    /// `UNIQUE (promo_code)`. Nil when `error` is not a unique violation, names no
    /// constraint, or the catalog has no such unique index. Expression keys have no column
    /// and are left out.
    ///
    /// PostgreSQL names the constraint, table and schema of a unique violation
    /// (``PostgresError/constraint``, ``PostgresError/tableName``,
    /// ``PostgresError/schemaName``) but not its columns; this avoids reading them from the
    /// DETAIL text, which is localized and carries the conflicting values.
    ///
    /// Inside a transaction, ask after rolling back to a savepoint taken before the failed
    /// statement (``savepoint(_:_:)`` does): an aborted transaction runs no queries.
    public func uniqueKeyColumns(of error: PostgresError) throws -> [String]? {
        guard error.isUniqueViolation, let name = error.constraint else { return nil }
        let rows = try self.query(
            """
            SELECT a.attname::text
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
              JOIN pg_namespace n ON n.oid = i.relnamespace
             CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
              JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
             WHERE x.indisunique AND i.relname = $1::text
               AND ($2::text IS NULL OR t.relname = $2::text)
               AND n.nspname = coalesce($3::text, current_schema())
               AND k.position <= x.indnkeyatts
             ORDER BY k.position
            """, [name, error.tableName, error.schemaName])
        guard !rows.isEmpty else { return nil }
        return try rows.map { try $0.decode(String.self, at: 0) }
    }
}
