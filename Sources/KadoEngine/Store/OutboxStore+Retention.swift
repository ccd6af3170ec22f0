import KadoPostgres

extension OutboxStore {
    /// Deletes up to `limit` finished outbox rows (every status but pending, failed and
    /// sending) last changed more than `days` days ago; returns how many. Rows another
    /// transaction holds are skipped, so pruning never waits on a dispatcher. Run records
    /// and promos are kept.
    package func prune(olderThan days: Int, limit: Int, connection c: isolated PostgresConnection) throws
        -> Int
    {
        try c.query(
            """
            WITH doomed AS (
                SELECT tenant_id, id FROM notifications
                 WHERE status NOT IN ('pending', 'failed', 'sending')
                   AND updated_at < now() - make_interval(days => $1::int)
                 ORDER BY updated_at
                 LIMIT $2
                   FOR UPDATE SKIP LOCKED
            )
            DELETE FROM notifications n USING doomed d WHERE n.tenant_id = d.tenant_id AND n.id = d.id
            RETURNING 1
            """, [days, limit]
        ).count
    }
}
