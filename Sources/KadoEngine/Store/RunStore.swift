import Foundation
import KadoPostgres

/// The one place that speaks SQL to the run records (`kado_runs`) and the rules a
/// database has seen (`kado_rules`): run claims, outcomes, failures with backoff,
/// skipped occurrences, and what the scheduler needs to plan.
package struct RunStore: Sendable {
    /// Delay before the first retry of a failed run; it doubles per failure.
    package var retryBase: Duration
    /// The longest delay between retries of a failed run.
    package var retryCap: Duration

    package init(retryBase: Duration = .seconds(30), retryCap: Duration = .seconds(1800)) {
        self.retryBase = retryBase
        self.retryCap = retryCap
    }

    /// One (tenant, rule, local date).
    package struct Key: Sendable, Hashable {
        package var tenantID: String
        package var ruleID: String
        package var date: LocalDate

        package init(tenantID: String, ruleID: String, date: LocalDate) {
            self.tenantID = tenantID
            self.ruleID = ruleID
            self.date = date
        }

        var parameters: [(any PostgresEncodable)?] { [tenantID, ruleID, date.description] }
    }

    /// Claims the occurrence inside the issuing transaction: true when this transaction
    /// may issue it (no record yet, or only a failed one), false when it is settled.
    package func claim(_ key: Key, connection c: isolated PostgresConnection) throws -> Bool {
        !(try c.query(
            """
            INSERT INTO kado_runs AS r (tenant_id, rule_id, occurrence_date, status)
            VALUES ($1, $2, $3::date, 'done')
            ON CONFLICT (tenant_id, rule_id, occurrence_date) DO UPDATE
               SET status = 'done', started_at = now(), detail = NULL, next_attempt_at = NULL
             WHERE r.status = 'failed'
            RETURNING 1
            """, key.parameters
        ).isEmpty)
    }

    /// Completes a claimed run with what it wrote.
    package func finish(
        _ key: Key, status: RunStatus, promoID: Int?, audience: Int, notifications: Int,
        connection c: isolated PostgresConnection
    ) throws {
        try c.query(
            """
            UPDATE kado_runs SET status = $4, promo_id = $5::int, audience = $6::bigint, notifications = $7::bigint,
                   finished_at = clock_timestamp()
             WHERE tenant_id = $1 AND rule_id = $2 AND occurrence_date = $3::date
            """, key.parameters + [status.rawValue, promoID, audience, notifications])
    }

    /// A settled run's promo id (nil for an empty one), audience and shared code.
    package func previous(_ key: Key, connection c: isolated PostgresConnection) throws -> (
        status: RunStatus, promoID: Int?, audience: Int, code: String?
    )? {
        try c.query(
            """
            SELECT r.status, r.promo_id, r.audience, p.promo_code FROM kado_runs r LEFT JOIN promos p ON p.tenant_id = r.tenant_id AND p.id = r.promo_id
             WHERE r.tenant_id = $1 AND r.rule_id = $2 AND r.occurrence_date = $3::date
            """, key.parameters
        ).first.map { row in
            let (status, promo, audience, code) = try row.decode((String, Int?, Int, String?).self)
            return (RunStatus(rawValue: status) ?? .done, promo, audience, code)
        }
    }

    /// Records that evaluating `key` failed (after its transaction rolled back): the
    /// reason, the attempt count, and when to try again (backoff doubling per failure,
    /// from `now` on the scheduler's clock, which is what plans compare it with).
    @discardableResult
    package func recordFailure(
        _ key: Key, reason: String, at now: Date, connection c: isolated PostgresConnection
    )
        throws -> (attempts: Int, nextAttempt: Date)
    {
        let row = try c.query(
            """
            INSERT INTO kado_runs AS r (tenant_id, rule_id, occurrence_date, status, attempts, next_attempt_at, detail, finished_at)
            VALUES ($1, $2, $3::date, 'failed', 1, to_timestamp($7::float8) + make_interval(secs => $5::float8), $4, clock_timestamp())
            ON CONFLICT (tenant_id, rule_id, occurrence_date) DO UPDATE
               SET attempts = r.attempts + 1, detail = excluded.detail, finished_at = excluded.finished_at,
                   next_attempt_at = to_timestamp($7::float8)
                       + make_interval(secs => least($6::float8, $5::float8 * power(2, least(r.attempts, 30))))
             WHERE r.status = 'failed'
            RETURNING attempts, extract(epoch FROM next_attempt_at)::float8
            """,
            key.parameters + [reason, retryBase.inSeconds, retryCap.inSeconds, now.timeIntervalSince1970]
        ).first
        let (attempts, next) = try row?.decode((Int, Double).self) ?? (0, Date().timeIntervalSince1970)
        return (attempts, Date(timeIntervalSince1970: next))
    }

    /// Records occurrences missed beyond their catch-up window (a failed one becomes
    /// skipped, keeping its last reason).
    package func recordSkipped(_ keys: [Key], detail: String, connection c: isolated PostgresConnection)
        throws
    {
        guard !keys.isEmpty else { return }
        try c.query(
            """
            INSERT INTO kado_runs AS r (tenant_id, rule_id, occurrence_date, status, finished_at, detail)
            SELECT t, u, d::date, 'skipped', clock_timestamp(), $4
              FROM unnest($1::text[], $2::text[], $3::text[]) AS k(t, u, d)
            ON CONFLICT (tenant_id, rule_id, occurrence_date) DO UPDATE
               SET status = 'skipped', next_attempt_at = NULL, finished_at = excluded.finished_at,
                   detail = $4 || ' (last failure: ' || coalesce(r.detail, '') || ')'
             WHERE r.status = 'failed'
            """,
            [keys.map(\.tenantID), keys.map(\.ruleID), keys.map(\.date.description), detail])
    }

    /// What the scheduler knows of one rule from the database.
    package struct RuleHistory: Sendable, Hashable {
        /// When this database first saw the rule (recorded on the first plan).
        package var firstSeen: Date
        /// The latest occurrence with any record.
        package var lastRecorded: LocalDate?
        /// Recorded occurrences since the look-back date that are settled (done, empty,
        /// skipped) or failed and not yet due for a retry.
        package var settled: Set<LocalDate>
        /// Failed occurrences (since the look-back date) and when each may be retried.
        package var retries: [LocalDate: Date]
    }

    /// The history of each (tenant, rule) since its look-back date, recording first
    /// sight of new rules as `now` (the scheduler's clock): one statement for every rule.
    package func histories(
        _ rules: [(tenantID: String, ruleID: String, since: LocalDate)], now: Date,
        connection c: isolated PostgresConnection
    ) throws -> [String: RuleHistory] {
        guard !rules.isEmpty else { return [:] }
        let rows = try c.query(
            """
            WITH wanted AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::date[]) AS w(tenant_id, rule_id, since)
            ), seen AS (
                INSERT INTO kado_rules (tenant_id, rule_id, first_seen_at)
                SELECT tenant_id, rule_id, to_timestamp($4::float8) FROM wanted
                ON CONFLICT DO NOTHING
                RETURNING tenant_id, rule_id, first_seen_at
            )
            SELECT w.tenant_id, w.rule_id,
                   extract(epoch FROM coalesce(s.first_seen_at, k.first_seen_at))::float8,
                   (SELECT max(r.occurrence_date) FROM kado_runs r
                     WHERE r.tenant_id = w.tenant_id AND r.rule_id = w.rule_id)::text,
                   (SELECT coalesce(string_agg(r.occurrence_date::text || '=' || r.status || '='
                                               || coalesce(extract(epoch FROM r.next_attempt_at)::text, ''), ','), '')
                      FROM kado_runs r
                     WHERE r.tenant_id = w.tenant_id AND r.rule_id = w.rule_id AND r.occurrence_date >= w.since)
              FROM wanted w
              LEFT JOIN seen s ON s.tenant_id = w.tenant_id AND s.rule_id = w.rule_id
              LEFT JOIN kado_rules k ON k.tenant_id = w.tenant_id AND k.rule_id = w.rule_id
            """,
            [
                rules.map(\.tenantID), rules.map(\.ruleID), rules.map(\.since.description),
                now.timeIntervalSince1970,
            ])
        var histories: [String: RuleHistory] = [:]
        for row in rows {
            let (tenant, rule, firstSeen, last, records) = try row.decode(
                (String, String, Double?, String?, String).self)
            var history = RuleHistory(
                firstSeen: Date(timeIntervalSince1970: firstSeen ?? now.timeIntervalSince1970),
                lastRecorded: last.flatMap(LocalDate.init), settled: [], retries: [:])
            for record in records.split(separator: ",") {
                let parts = record.split(separator: "=", omittingEmptySubsequences: false)
                guard parts.count == 3, let date = LocalDate(String(parts[0])) else { continue }
                if parts[1] == Substring(RunStatus.failed.rawValue) {
                    history.retries[date] = Double(parts[2]).map { Date(timeIntervalSince1970: $0) } ?? now
                } else {
                    history.settled.insert(date)
                }
            }
            histories[Self.ruleKey(tenant, rule)] = history
        }
        return histories
    }

    static func ruleKey(_ tenant: String, _ rule: String) -> String { tenant + "\u{1F}" + rule }

    /// The key ``histories(_:connection:)`` files a rule's history under.
    package func key(tenant: String, rule: String) -> String { Self.ruleKey(tenant, rule) }

    /// A rule's latest run record.
    package struct RunRecord: Sendable, Hashable {
        package var date: LocalDate
        package var status: RunStatus
        package var audience: Int
        package var notifications: Int
        package var finishedAt: Date?
        package var attempts: Int
        package var nextAttempt: Date?
        package var detail: String?
    }

    /// The latest run of a rule, and its failed runs still waiting for a retry.
    package func latest(tenant: String, rule: String, connection c: isolated PostgresConnection) throws -> (
        last: RunRecord?, failing: [RunRecord]
    ) {
        let rows = try c.query(
            """
            (SELECT occurrence_date::text, status, audience, notifications, extract(epoch FROM finished_at)::float8,
                    attempts, extract(epoch FROM next_attempt_at)::float8, detail, 0 AS part
               FROM kado_runs WHERE tenant_id = $1 AND rule_id = $2 ORDER BY occurrence_date DESC LIMIT 1)
            UNION ALL
            (SELECT occurrence_date::text, status, audience, notifications, extract(epoch FROM finished_at)::float8,
                    attempts, extract(epoch FROM next_attempt_at)::float8, detail, 1
               FROM kado_runs WHERE tenant_id = $1 AND rule_id = $2 AND status = 'failed'
              ORDER BY occurrence_date DESC LIMIT 10)
            """, [tenant, rule])
        var last: RunRecord?
        var failing: [RunRecord] = []
        for row in rows {
            let (date, status, audience, notes, finished, attempts, next, detail, part) = try row.decode(
                (String, String, Int, Int, Double?, Int, Double?, String?, Int).self)
            let record = RunRecord(
                date: LocalDate(date) ?? LocalDate(year: 1970, month: 1, day: 1),
                status: RunStatus(rawValue: status) ?? .done, audience: audience, notifications: notes,
                finishedAt: finished.map { Date(timeIntervalSince1970: $0) }, attempts: attempts,
                nextAttempt: next.map { Date(timeIntervalSince1970: $0) }, detail: detail)
            if part == 0 { last = record } else { failing.append(record) }
        }
        return (last, failing)
    }
}
