import Foundation
import KadoPostgres

/// Per tenant channel state shared by every dispatcher on the database
/// (`kado_channels`): the token bucket behind a channel's `rate_limit`, and pauses
/// (a provider's Retry-After, or credentials it rejected).
package struct ChannelStateStore: Sendable {
    package init() {}

    /// Why a channel is paused.
    package enum PauseKind: String, Sendable, Hashable, Codable {
        /// The provider asked to slow down (HTTP 429, Retry-After).
        case rateLimit = "rate_limit"
        /// The provider rejected the credentials (SMTP 535, HTTP 401/403, Graph 190).
        case credentials
    }

    /// The answer to a request for tokens.
    package struct Grant: Sendable, Hashable {
        /// Tokens granted (messages that may be sent now).
        package var granted: Int
        /// When none were granted: how long until the next one.
        package var wait: Duration
        /// The pause in force, if any, and its reason.
        package var pausedUntil: Date?
        package var pauseReason: String?
    }

    /// Takes up to `want` tokens from the bucket of `tenant`'s `channel` (refilled at
    /// `rate` per second, holding at most `burst`; `rate` nil: no limit, only pauses apply).
    package func take(
        _ want: Int, tenant: String, channel: String, rate: Double?, burst: Double,
        connection c: isolated PostgresConnection
    ) throws -> Grant {
        let row = try c.query(
            "SELECT granted, wait_seconds, extract(epoch FROM paused_until)::float8, pause_reason FROM kado_take_tokens($1, $2, $3::float8, $4::float8, $5::int)",
            [tenant, channel, rate, burst, want]
        ).first
        guard let row else { return Grant(granted: 0, wait: .milliseconds(100)) }
        let (granted, wait, until, reason) = try row.decode((Int, Double, Double?, String?).self)
        return Grant(
            granted: granted, wait: .milliseconds(Int64((max(0, wait) * 1000).rounded(.up))),
            pausedUntil: until.map { Date(timeIntervalSince1970: $0) }, pauseReason: reason)
    }

    /// Pauses `tenant`'s `channel` for every dispatcher for `duration` from now (an
    /// existing longer pause stays); returns when it ends.
    @discardableResult
    package func pause(
        tenant: String, channel: String, for duration: Duration, kind: PauseKind, reason: String,
        connection c: isolated PostgresConnection
    ) throws -> Date {
        let row = try c.query(
            """
            INSERT INTO kado_channels AS k (tenant_id, channel, paused_until, paused_since, pause_kind, pause_reason)
            VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3::float8), clock_timestamp(), $4, $5)
            ON CONFLICT (tenant_id, channel) DO UPDATE
               SET paused_until = greatest(coalesce(k.paused_until, '-infinity'), excluded.paused_until),
                   paused_since = CASE WHEN k.paused_until > clock_timestamp() THEN k.paused_since ELSE excluded.paused_since END,
                   pause_kind = CASE WHEN k.paused_until > excluded.paused_until THEN k.pause_kind ELSE excluded.pause_kind END,
                   pause_reason = CASE WHEN k.paused_until > excluded.paused_until THEN k.pause_reason ELSE excluded.pause_reason END
            RETURNING extract(epoch FROM paused_until)::float8
            """, [tenant, channel, duration.inSeconds, kind.rawValue, reason]
        ).first
        return Date(
            timeIntervalSince1970: try row?.decode(Double.self, at: 0) ?? Date().timeIntervalSince1970)
    }

    /// Ends credential pauses of the given tenants (after a reload: the secret may be fixed).
    @discardableResult
    package func resumeCredentialPauses(tenants: [String], connection c: isolated PostgresConnection) throws
        -> Int
    {
        try c.query(
            """
            UPDATE kado_channels SET paused_until = NULL, pause_kind = NULL, pause_reason = NULL, paused_since = NULL
             WHERE tenant_id = ANY($1::text[]) AND pause_kind = 'credentials' AND paused_until > clock_timestamp()
            RETURNING 1
            """, [tenants]
        ).count
    }

    /// A channel pause in force.
    package struct Pause: Sendable, Hashable {
        package var tenantID: String
        package var channel: String
        package var kind: PauseKind
        package var since: Date
        package var until: Date
        package var reason: String
    }

    /// Pauses in force now, of `tenants` (every tenant when nil).
    package func pauses(tenants: [String]?, connection c: isolated PostgresConnection) throws -> [Pause] {
        try c.query(
            """
            SELECT tenant_id, channel, pause_kind, extract(epoch FROM coalesce(paused_since, clock_timestamp()))::float8,
                   extract(epoch FROM paused_until)::float8, coalesce(pause_reason, '')
              FROM kado_channels
             WHERE paused_until > clock_timestamp() AND ($1::text[] IS NULL OR tenant_id = ANY($1::text[]))
             ORDER BY tenant_id, channel
            """, [tenants]
        ).map { row in
            let (tenant, channel, kind, since, until, reason) = try row.decode(
                (String, String, String?, Double, Double, String).self)
            return Pause(
                tenantID: tenant, channel: channel,
                kind: kind.flatMap(PauseKind.init(rawValue:)) ?? .rateLimit,
                since: Date(timeIntervalSince1970: since), until: Date(timeIntervalSince1970: until),
                reason: reason)
        }
    }
}
