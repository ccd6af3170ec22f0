import Foundation
import KadoPostgres

extension OutboxStore {
    /// One outbox row as an operator sees it.
    package struct Entry: Sendable, Hashable {
        package var id: Int64
        package var tenantID: String
        package var ruleID: String
        package var date: LocalDate
        package var channel: String
        package var userID: Int
        package var recipient: String
        package var status: OutboxStatus
        package var attempts: Int
        package var nextAttempt: Date?
        package var lastAttempt: Date?
        package var sentAt: Date?
        package var errorCode: String?
        package var error: String?
        package var providerMessageID: String?
    }

    /// Rows matching `filter`, newest first, at most `limit`.
    ///
    /// Each tenant's newest rows are read backwards through the primary key (tenant_id, id),
    /// the tenants themselves found by skipping through its first column, and the newest of
    /// them kept: no index on the id alone is needed for this (000013).
    package func list(_ filter: OutboxFilter, limit: Int, connection c: isolated PostgresConnection) throws
        -> [Entry]
    {
        let (conditions, parameters) = filter.sql(first: 3)
        return try c.query(
            """
            WITH RECURSIVE tenants AS (
                SELECT min(tenant_id) AS id FROM notifications
                UNION ALL
                SELECT (SELECT min(tenant_id) FROM notifications WHERE tenant_id > t.id) FROM tenants t WHERE t.id IS NOT NULL
            )
            SELECT e.* FROM tenants t CROSS JOIN LATERAL (
                SELECT n.id, n.tenant_id, coalesce(p.rule_id, ''), p.occurrence_date::text, n.channel, n.user_id, n.recipient,
                       n.status, n.attempts,
                       CASE WHEN n.status IN ('pending', 'failed', 'sending') THEN extract(epoch FROM n.next_attempt_at)::float8 END,
                       extract(epoch FROM n.last_attempt_at)::float8, extract(epoch FROM n.sent_at)::float8,
                       n.last_error_code, n.last_error, n.provider_message_id
                  FROM notifications n JOIN promos p ON p.tenant_id = n.tenant_id AND p.id = n.promo_id
                 WHERE n.tenant_id = t.id \(conditions)
                 ORDER BY n.tenant_id DESC, n.id DESC
                 LIMIT $1
            ) e
             WHERE t.id IS NOT NULL AND ($2::text IS NULL OR t.id = $2)
             ORDER BY e.id DESC
             LIMIT $1
            """, [limit, filter.tenant] + parameters
        ).map { row in
            func date(_ i: Int) throws -> Date? {
                try row.decode(Double?.self, at: i).map { Date(timeIntervalSince1970: $0) }
            }
            return Entry(
                id: try row.decode(Int64.self, at: 0), tenantID: try row.decode(String.self, at: 1),
                ruleID: try row.decode(String.self, at: 2),
                date: LocalDate(try row.decode(String?.self, at: 3) ?? "")
                    ?? LocalDate(year: 1970, month: 1, day: 1),
                channel: try row.decode(String.self, at: 4), userID: try row.decode(Int.self, at: 5),
                recipient: try row.decode(String.self, at: 6),
                status: OutboxStatus(rawValue: try row.decode(String.self, at: 7)) ?? .pending,
                attempts: try row.decode(Int.self, at: 8), nextAttempt: try date(9),
                lastAttempt: try date(10),
                sentAt: try date(11), errorCode: try row.decode(String?.self, at: 12),
                error: try row.decode(String?.self, at: 13),
                providerMessageID: try row.decode(String?.self, at: 14))
        }
    }

    /// Re-queues finished rows matching `filter` (dead, expired, cancelled: never sent
    /// ones): due now, attempts from zero. Returns how many.
    package func retry(_ filter: OutboxFilter, connection c: isolated PostgresConnection) throws -> Int {
        var filter = filter
        let requeueable: [OutboxStatus] = [.dead, .expired, .cancelled, .failed]
        filter.statuses = filter.statuses.isEmpty ? [.dead] : filter.statuses.filter(requeueable.contains)
        guard !filter.statuses.isEmpty else { return 0 }
        let (conditions, parameters) = filter.sql(first: 1)
        let requeued = try c.query(
            """
            UPDATE notifications n
               SET status = 'pending', attempts = 0, next_attempt_at = clock_timestamp(), claimed_by = NULL,
                   updated_at = clock_timestamp()
              FROM promos p
             WHERE p.tenant_id = n.tenant_id AND p.id = n.promo_id \(conditions)
            RETURNING 1
            """, parameters
        ).count
        if requeued > 0 { try announce(connection: c) }
        return requeued
    }

    /// Gives up on rows matching `filter` that are still waiting (pending or failed):
    /// they become `cancelled`. Returns how many.
    package func cancel(_ filter: OutboxFilter, reason: String, connection c: isolated PostgresConnection)
        throws -> Int
    {
        var filter = filter
        let waiting: [OutboxStatus] = [.pending, .failed]
        filter.statuses = filter.statuses.isEmpty ? waiting : filter.statuses.filter(waiting.contains)
        guard !filter.statuses.isEmpty else { return 0 }
        let (conditions, parameters) = filter.sql(first: 2)
        return try c.query(
            """
            UPDATE notifications n
               SET status = 'cancelled', last_error = $1, updated_at = clock_timestamp()
              FROM promos p
             WHERE p.tenant_id = n.tenant_id AND p.id = n.promo_id \(conditions)
            RETURNING 1
            """, [reason] + parameters
        ).count
    }

    /// Rows by status for one rule of a tenant.
    package func counts(tenant: String, rule: String, connection c: isolated PostgresConnection) throws
        -> [OutboxStatus:
        Int]
    {
        var counts: [OutboxStatus: Int] = [:]
        for row in try c.query(
            """
            SELECT n.status, count(*) FROM notifications n JOIN promos p ON p.tenant_id = n.tenant_id AND p.id = n.promo_id
             WHERE n.tenant_id = $1 AND p.rule_id = $2 GROUP BY n.status
            """, [tenant, rule])
        {
            let (status, n) = try row.decode((String, Int).self)
            if let status = OutboxStatus(rawValue: status) { counts[status] = n }
        }
        return counts
    }
}
