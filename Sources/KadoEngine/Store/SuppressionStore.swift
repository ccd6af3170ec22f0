import Foundation
import KadoPostgres

/// The one place that speaks SQL to suppressions (`kado_suppressions`): who gets no
/// more messages on a channel. The issuing statement (``PromoStore``) and outbox claims
/// (``OutboxStore``) read the table themselves, inside their own statements.
package struct SuppressionStore: Sendable {
    package init() {}

    /// Suppresses the user on the channel; false when they already were (the first
    /// suppression, its source and time, stays).
    @discardableResult
    package func add(_ suppression: Suppression, connection c: isolated PostgresConnection) throws -> Bool {
        try c.query(
            """
            INSERT INTO kado_suppressions (tenant_id, channel, user_id, source, detail, created_at)
            VALUES ($1, $2, $3::bigint, $4, $5, to_timestamp($6::float8))
            ON CONFLICT (tenant_id, channel, user_id) DO NOTHING
            RETURNING 1
            """,
            [
                suppression.tenantID, suppression.channel, suppression.userID, suppression.source.rawValue,
                suppression.detail, suppression.createdAt.timeIntervalSince1970,
            ]
        ).count == 1
    }

    /// Lifts the suppression; false when there was none.
    @discardableResult
    package func remove(
        tenantID: String, channel: String, userID: Int, connection c: isolated PostgresConnection
    )
        throws -> Bool
    {
        try c.query(
            """
            DELETE FROM kado_suppressions WHERE tenant_id = $1 AND channel = $2 AND user_id = $3::bigint
            RETURNING 1
            """, [tenantID, channel, userID]
        ).count == 1
    }

    /// Whether the user is suppressed on the channel.
    package func contains(
        tenantID: String, channel: String, userID: Int, connection c: isolated PostgresConnection
    )
        throws -> Bool
    {
        try c.query(
            "SELECT 1 FROM kado_suppressions WHERE tenant_id = $1 AND channel = $2 AND user_id = $3::bigint",
            [tenantID, channel, userID]
        ).count == 1
    }

    /// Suppressions, newest first, optionally of one tenant, channel or user.
    package func list(
        tenantID: String? = nil, channel: String? = nil, userID: Int? = nil, limit: Int = 100,
        connection c: isolated PostgresConnection
    ) throws -> [Suppression] {
        try c.query(
            """
            SELECT tenant_id, channel, user_id, source, detail, extract(epoch FROM created_at)::float8
              FROM kado_suppressions
             WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR channel = $2)
               AND ($3::bigint IS NULL OR user_id = $3)
             ORDER BY created_at DESC, tenant_id, channel, user_id
             LIMIT $4::int
            """, [tenantID, channel, userID, limit]
        ).map { row in
            Suppression(
                tenantID: try row.decode(String.self, at: 0), channel: try row.decode(String.self, at: 1),
                userID: try row.decode(Int.self, at: 2),
                source: Suppression.Source(rawValue: try row.decode(String.self, at: 3)) ?? .manual,
                detail: try row.decode(String?.self, at: 4),
                createdAt: Date(timeIntervalSince1970: try row.decode(Double.self, at: 5)))
        }
    }
}
