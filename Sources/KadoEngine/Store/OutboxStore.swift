import Foundation
import KadoPostgres

/// The one place that speaks SQL to the outbox (`notifications`) for sending:
/// leased claims, outcomes, hand-backs, lease renewal.
///
/// A claim is one statement: due rows are locked with `SKIP LOCKED`, marked
/// `sending` with the claimant's id, and their `next_attempt_at` becomes the
/// lease expiry; nothing stays open while messages are sent. A row whose lease
/// ran out (its dispatcher died) is claimable again. Rows whose promo is no longer
/// valid are marked `expired` by the same statement instead of being handed out, and
/// rows whose recipient is suppressed on the channel (`kado_suppressions`) `suppressed`.
/// A row that would go out inside its channel's quiet hours (on the recipient's clock) is
/// due again when they end instead, and rows over a frequency cap end `capped`
/// (``applyCaps(to:policy:connection:)``).
package struct OutboxStore: Sendable {
    package init() {}

    /// What a claim handed out.
    package struct Claim: Sendable {
        package var messages: [ClaimedMessage]
        /// Rows marked `expired`, `suppressed` or `capped` instead, by tenant, channel and status.
        package var settled: [Settled: Int] = [:]
        /// Rows left unclaimed because they would have gone out in quiet hours: due when they end.
        package var quiet = 0

        /// Rows marked `expired` instead (their promo had ended).
        package var expired: Int { settled.filter { $0.key.status == .expired }.values.reduce(0, +) }
        /// Rows marked `suppressed` instead (the recipient unsubscribed from the channel).
        package var suppressed: Int { settled.filter { $0.key.status == .suppressed }.values.reduce(0, +) }
        /// Rows marked `capped` instead (the customer had their frequency cap's messages).
        package var capped: Int { settled.filter { $0.key.status == .capped }.values.reduce(0, +) }
    }

    /// A tenant's channel and the status its rows were settled with by a claim.
    package struct Settled: Sendable, Hashable {
        package var tenantID: String
        package var channel: String
        package var status: OutboxStatus
    }

    /// Claims up to `limit` due rows of `tenants` for `claimant`, for `lease`.
    ///
    /// - Parameters:
    ///   - dueBy: only rows due at or before this instant (a one-shot dispatch claims
    ///     what was due when it started, so its own retries are not sent twice in one run).
    ///   - sendExpired: hand out rows whose promo has ended instead of marking them expired.
    ///   - policy: quiet hours and frequency caps.
    ///   - now: the instant quiet hours are judged at (the dispatcher's clock); nil: the database's.
    ///     A row held for quiet hours is due again after as long as their end is from `now`.
    package func claim(
        limit: Int, claimant: String, lease: Duration, tenants: [String], dueBy: Date?, sendExpired: Bool,
        policy: DeliveryPolicy = DeliveryPolicy(), now: Date? = nil, connection c: isolated PostgresConnection
    ) throws -> Claim {
        let quiet = policy.quiet
        let rows = try c.preparedQuery(
            """
            WITH picked AS (
                -- The due rows in order, locked: read from the due index (next_attempt_at, id)
                -- and cut at the limit before anything per row is computed.
                SELECT n.tenant_id, n.id, n.channel, n.user_id, n.zone, n.promo_id
                  FROM notifications n
                 WHERE n.status IN ('pending', 'failed', 'sending')
                   AND n.next_attempt_at <= least(clock_timestamp(), coalesce(to_timestamp($5::float8), 'infinity'))
                   AND n.tenant_id = ANY($4::text[])
                   AND NOT EXISTS (
                       SELECT 1 FROM kado_channels k
                        WHERE k.tenant_id = n.tenant_id AND k.channel = n.channel AND k.paused_until > clock_timestamp())
                 ORDER BY n.next_attempt_at, n.id
                 LIMIT $1
                   FOR UPDATE OF n SKIP LOCKED
            ), due AS (
                SELECT n.tenant_id, n.id,
                       CASE WHEN q.quiet_from IS NOT NULL
                           THEN kado_quiet_until(coalesce(to_timestamp($8::float8), clock_timestamp()),
                                                 coalesce(n.zone, q.zone), q.quiet_from::time, q.quiet_to::time)
                       END AS quiet_until,
                       coalesce(n.zone, q.zone, 'UTC') AS quiet_zone,
                       -- The promo's end, looked up by its key here, so that the update below
                       -- joins its rows to nothing else (however many promos there are).
                       (SELECT p.valid_until FROM promos p WHERE p.tenant_id = n.tenant_id AND p.id = n.promo_id)
                           AS valid_until,
                       (SELECT s.source || ' at ' || to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI"Z"')
                          FROM kado_suppressions s
                         WHERE s.tenant_id = n.tenant_id AND s.channel = n.channel AND s.user_id = n.user_id) AS suppressed_by
                  FROM picked n
                  LEFT JOIN unnest($7::text[], $9::text[], $10::text[], $11::text[], $12::text[])
                       AS q(tenant_id, channel, zone, quiet_from, quiet_to)
                       ON q.tenant_id = n.tenant_id AND q.channel = n.channel
            ), claimed AS (
                UPDATE notifications n
                   SET status = CASE WHEN due.suppressed_by IS NOT NULL THEN 'suppressed'
                                     WHEN due.valid_until <= clock_timestamp() AND NOT $6::bool THEN 'expired'
                                     WHEN due.quiet_until IS NOT NULL
                                         THEN CASE WHEN n.attempts + (n.status = 'sending')::int = 0
                                                   THEN 'pending' ELSE 'failed' END
                                     ELSE 'sending' END,
                       attempts = n.attempts + (n.status = 'sending')::int,
                       last_error = CASE
                           WHEN due.suppressed_by IS NOT NULL
                               THEN 'not sent: the recipient is suppressed on this channel (' || due.suppressed_by || ')'
                           WHEN due.valid_until <= clock_timestamp() AND NOT $6::bool
                               THEN 'not sent: the promo was valid until ' || to_char(due.valid_until AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI"Z"')
                           WHEN due.quiet_until IS NOT NULL
                               THEN 'waiting: quiet hours until '
                                    || to_char(due.quiet_until AT TIME ZONE due.quiet_zone, 'YYYY-MM-DD HH24:MI')
                                    || ' ' || due.quiet_zone
                           WHEN n.status = 'sending'
                               THEN 'the lease of ' || coalesce(n.claimed_by, 'a dispatcher') || ' ran out before it recorded an outcome'
                           ELSE n.last_error END,
                       claimed_by = CASE WHEN due.quiet_until IS NULL THEN $2 END,
                       claimed_at = CASE WHEN due.quiet_until IS NULL THEN clock_timestamp() ELSE n.claimed_at END,
                       next_attempt_at = CASE WHEN due.quiet_until IS NOT NULL
                           THEN clock_timestamp() + (due.quiet_until - coalesce(to_timestamp($8::float8), clock_timestamp()))
                           ELSE clock_timestamp() + make_interval(secs => $3::float8) END,
                       updated_at = clock_timestamp()
                  FROM due
                 WHERE n.tenant_id = due.tenant_id AND n.id = due.id
                   -- The same rows again, as index keys: the update reads them through the
                   -- primary key whatever the planner estimates (a small outbox would be
                   -- read whole and hashed for the join otherwise).
                   AND n.tenant_id = ANY($4::text[]) AND n.id = ANY ((SELECT array_agg(id) FROM picked)::bigint[])
                RETURNING n.status, due.quiet_until IS NOT NULL AS quiet, n.id, n.tenant_id, n.channel, n.template, n.recipient, n.user_id, n.user_name,
                          n.locale, n.attempts, n.promo_code, n.promo_id, n.attributes
            )
            SELECT n.status, n.quiet, \(ClaimedMessage.columns)
              FROM claimed n JOIN promos p ON p.tenant_id = n.tenant_id AND p.id = n.promo_id
             ORDER BY n.id
            """,
            [
                limit, claimant, lease.inSeconds, tenants, dueBy.map { $0.timeIntervalSince1970 },
                sendExpired,
                quiet.map(\.tenantID), now.map { $0.timeIntervalSince1970 }, quiet.map(\.channel),
                quiet.map(\.tenantZone), quiet.map { $0.hours.from.description },
                quiet.map { $0.hours.to.description },
            ])
        var claim = Claim(messages: [])
        claim.messages.reserveCapacity(rows.count)
        for row in rows {
            let status = try row.decode(String.self, at: 0)
            if status == OutboxStatus.sending.rawValue {
                claim.messages.append(try ClaimedMessage(row: row, at: 2))
            } else if try row.decode(Bool.self, at: 1) {
                claim.quiet += 1
            } else {
                let settled = Settled(
                    tenantID: try row.decode(String.self, at: 3), channel: try row.decode(String.self, at: 5),
                    status: OutboxStatus(rawValue: status) ?? .expired)
                claim.settled[settled, default: 0] += 1
            }
        }
        try applyCaps(to: &claim, policy: policy, connection: c)
        return claim
    }

    /// Records outcomes of rows `claimant` holds; returns how many were recorded (a row
    /// whose lease another dispatcher has taken over is left to it). A dead row whose outcome
    /// falls back gets its fallback row, due at once, at most once (`fallback_of` is unique).
    @discardableResult
    package func record(
        _ outcomes: [OutboxOutcome], claimant: String, connection c: isolated PostgresConnection
    )
        throws -> Int
    {
        guard !outcomes.isEmpty else { return 0 }
        let falling = outcomes.filter(\.fallsBack).map(\.id)
        var parameters: [(any PostgresEncodable)?] = [
            outcomes.map(\.id), outcomes.map(\.status.rawValue), outcomes.map { $0.countsAttempt ? 1 : 0 },
            outcomes.map(\.retryDelay.inSeconds), outcomes.map(\.age.inSeconds),
            outcomes.map(\.providerMessageID), outcomes.map(\.error), outcomes.map(\.errorCode), claimant,
            outcomes.map(\.tenantID),
        ]
        let update = """
            UPDATE notifications n
               SET status = r.status, attempts = n.attempts + r.counted,
                   next_attempt_at = CASE WHEN r.status IN ('pending', 'failed')
                       THEN t.now + make_interval(secs => r.delay - r.age) ELSE n.next_attempt_at END,
                   provider_message_id = coalesce(r.provider_id, n.provider_message_id),
                   last_error = CASE WHEN r.status = 'sent' THEN n.last_error ELSE r.error END,
                   last_error_code = CASE WHEN r.status = 'sent' THEN n.last_error_code ELSE r.code END,
                   sent_at = CASE WHEN r.status = 'sent' THEN t.now - make_interval(secs => r.age) ELSE n.sent_at END,
                   last_attempt_at = CASE WHEN r.counted = 1
                       THEN t.now - make_interval(secs => r.age) ELSE n.last_attempt_at END,
                   claimed_by = NULL, updated_at = t.now
              FROM (SELECT clock_timestamp() AS now, $1::bigint[] AS ids, $2::text[] AS statuses, $3::int[] AS counted,
                           $4::float8[] AS delays, $5::float8[] AS ages, $6::text[] AS provider_ids, $7::text[] AS errors,
                           $8::text[] AS codes, $10::text[] AS tenant_ids
                    OFFSET 0) t,
                   unnest(t.ids, t.statuses, t.counted, t.delays, t.ages, t.provider_ids, t.errors, t.codes, t.tenant_ids)
                   AS r(id, status, counted, delay, age, provider_id, error, code, tenant_id)
             WHERE n.tenant_id = r.tenant_id AND n.id = r.id AND CASE WHEN n.status = 'sending' THEN n.claimed_by END = $9

            """
        // The arrays reach unnest through a subquery kept apart (OFFSET 0), so the planner
        // estimates the same rows whatever their length and a prepared statement keeps one
        // plan: with the arrays given to unnest directly, a group of 3 outcomes was planned
        // anew on every call (its exact row count made a fresh plan look cheaper than the
        // stored one), and planning cost PostgreSQL more than running the update.
        // The rows are found by their key (tenant, id), one primary-key lookup each (there is
        // no index on the id alone, nor on claimed_by: 000013); the claimant test is checked
        // on the row found. In the common case nothing falls back and the statement is the
        // plain update; otherwise the fallback rows are written in the same statement.
        guard !falling.isEmpty else {
            return try c.preparedQuery(update + "RETURNING 1", parameters).count
        }
        parameters.append(falling)
        return try c.query(
            """
            WITH recorded AS (
            \(update)RETURNING n.tenant_id, n.id, n.status
            ), fallback AS (
                INSERT INTO notifications (tenant_id, promo_id, user_id, channel, template, recipient, user_name, locale,
                                           promo_code, attributes, zone, priority, trigger_at, fallback_of)
                SELECT o.tenant_id, o.promo_id, o.user_id, o.fallback_channel, o.template, o.fallback_recipient,
                       o.user_name, o.locale, o.promo_code, o.attributes, o.zone, o.priority, o.trigger_at, o.id
                  FROM recorded r JOIN notifications o ON o.tenant_id = r.tenant_id AND o.id = r.id
                 WHERE r.status = 'dead' AND r.id = ANY ($11::bigint[])
                   AND o.fallback_channel IS NOT NULL AND o.fallback_recipient IS NOT NULL
                ON CONFLICT DO NOTHING
            )
            SELECT 1 FROM recorded
            """, parameters
        ).count
    }

    /// Hands rows back unsent (no attempt counted), due again after `delay`.
    @discardableResult
    package func release(
        _ messages: [ClaimedMessage], after delay: Duration = .zero, reason: String? = nil, claimant: String,
        connection c: isolated PostgresConnection
    ) throws -> Int {
        guard !messages.isEmpty else { return 0 }
        return try c.query(
            """
            UPDATE notifications
               SET status = CASE WHEN attempts = 0 THEN 'pending' ELSE 'failed' END,
                   next_attempt_at = clock_timestamp() + make_interval(secs => $2::float8),
                   last_error = coalesce($4, last_error), claimed_by = NULL, updated_at = clock_timestamp()
              FROM unnest($5::text[], $1::bigint[]) AS r(tenant_id, id)
             WHERE notifications.tenant_id = r.tenant_id AND notifications.id = r.id
               AND status = 'sending' AND claimed_by = $3
            RETURNING 1
            """, [messages.map(\.id), delay.inSeconds, claimant, reason, messages.map(\.tenantID)]
        ).count
    }

    /// Extends the lease of the rows (`tenants[i]`, `ids[i]`) that `claimant` still holds;
    /// returns how many. A row already recorded, or taken over after its lease ran out, is
    /// left as it is.
    @discardableResult
    package func renewLeases(
        tenants: [String], ids: [Int64], claimant: String, lease: Duration,
        connection c: isolated PostgresConnection
    ) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try c.query(
            """
            UPDATE notifications n SET next_attempt_at = clock_timestamp() + make_interval(secs => $2::float8)
              FROM unnest($3::text[], $4::bigint[]) AS r(tenant_id, id)
             WHERE n.tenant_id = r.tenant_id AND n.id = r.id AND n.status = 'sending' AND n.claimed_by = $1
            RETURNING 1
            """, [claimant, lease.inSeconds, tenants, ids]
        ).count
    }

    /// When the next row of `tenants` becomes claimable: the earliest due row of a channel
    /// that is not paused, or the end of the earliest pause (nil: nothing open).
    package func nextDue(tenants: [String], connection c: isolated PostgresConnection) throws -> Date? {
        let row = try c.query(
            """
            SELECT extract(epoch FROM least(
                (SELECT n.next_attempt_at FROM notifications n
                  WHERE n.status IN ('pending', 'failed', 'sending') AND n.tenant_id = ANY($1::text[])
                    AND NOT EXISTS (
                        SELECT 1 FROM kado_channels k
                         WHERE k.tenant_id = n.tenant_id AND k.channel = n.channel AND k.paused_until > clock_timestamp())
                  ORDER BY n.next_attempt_at LIMIT 1),
                (SELECT min(k.paused_until) FROM kado_channels k
                  WHERE k.tenant_id = ANY($1::text[]) AND k.paused_until > clock_timestamp()
                    AND EXISTS (
                        SELECT 1 FROM notifications n
                         WHERE n.tenant_id = k.tenant_id AND n.channel = k.channel
                           AND n.status IN ('pending', 'failed', 'sending')))))::float8
            """, [tenants]
        ).first
        return try row?.decode(Double?.self, at: 0).map { Date(timeIntervalSince1970: $0) }
    }

    /// How many rows of `tenants` are claimable now.
    package func countDue(tenants: [String], connection c: isolated PostgresConnection) throws -> Int {
        try c.query(
            """
            SELECT count(*) FROM notifications n
             WHERE n.status IN ('pending', 'failed', 'sending') AND n.next_attempt_at <= clock_timestamp()
               AND n.tenant_id = ANY($1::text[])
            """, [tenants]
        ).first?.decode(Int.self, at: 0) ?? 0
    }

    /// A tenant's channel.
    package struct ChannelKey: Sendable, Hashable {
        package var tenantID: String
        package var channel: String

        package init(tenantID: String, channel: String) {
            self.tenantID = tenantID
            self.channel = channel
        }
    }

    /// How many rows of `tenants` are claimable now, by channel (channels with none are absent).
    package func dueByChannel(tenants: [String], connection c: isolated PostgresConnection) throws
        -> [ChannelKey: Int]
    {
        var counts: [ChannelKey: Int] = [:]
        for row in try c.query(
            """
            SELECT n.tenant_id, n.channel, count(*) FROM notifications n
             WHERE n.status IN ('pending', 'failed', 'sending') AND n.next_attempt_at <= clock_timestamp()
               AND n.tenant_id = ANY($1::text[])
             GROUP BY 1, 2
            """, [tenants])
        {
            let (tenant, channel, count) = try row.decode((String, String, Int).self)
            counts[ChannelKey(tenantID: tenant, channel: channel)] = count
        }
        return counts
    }
}
