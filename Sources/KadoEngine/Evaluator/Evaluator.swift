import Foundation
import KadoPostgres

/// Turns one rule and one tenant-local date into a promo, its eligibilities and
/// its outbox rows, in one transaction, exactly once.
///
/// The run is claimed first (`kado_runs`, keyed by tenant, rule and date), so a
/// second or concurrent evaluation of the same occurrence is a no-op. The
/// audience is selected, and every row written, by one set-based statement:
/// nothing is filtered in Swift and the audience is never held in memory.
public struct Evaluator: Sendable {
    public var tenant: TenantConfig
    public var rule: RuleConfig
    /// Channel kinds by channel name (from the tenant's config).
    private var channels: [(name: String, template: String, kind: MessageKind)]

    /// Transaction retries on serialization failures and deadlocks.
    static let maxAttempts = 8
    /// New codes tried when a generated code collides with an existing one.
    static let maxCodeAttempts = 5

    public init(tenant: TenantConfig, rule: RuleConfig) {
        self.tenant = tenant
        self.rule = rule
        self.channels = rule.notifications.compactMap { note in
            guard let channel = tenant.channels[note.channel] else { return nil }
            let template = note.template.split(separator: "/").last.map(String.init) ?? note.template
            return (note.channel, template, channel.kind)
        }
    }

    /// Evaluates the occurrence on `date`; with `dryRun`, counts what it would write and writes nothing.
    ///
    /// Runs on the connection's own executor (its serial queue), never on the cooperative pool.
    public func evaluate(on date: LocalDate, dryRun: Bool = false, connection: isolated PostgresConnection)
        throws
        -> EvaluationResult
    {
        let started = ContinuousClock.now
        var result: EvaluationResult
        if AudienceQuery(tenant: tenant, rule: rule, date: date, firstParameter: 1) == nil {
            result = EvaluationResult(tenantID: tenant.id, ruleID: rule.id, date: date, outcome: .notDue)
        } else if dryRun {
            result = try connection.transaction { c in try self.count(on: date, connection: c) }
        } else {
            var attempt = 1
            while true {
                do {
                    result = try connection.transaction { c in try self.issue(on: date, connection: c) }
                    break
                } catch let error as PostgresError
                    where (error.isSerializationFailure || error.isDeadlock) && attempt < Self.maxAttempts
                {
                    // A concurrent evaluation of the same occurrence committed first; the
                    // retry sees its run record and reports "already done".
                    attempt += 1
                }
            }
        }
        result.elapsed = ContinuousClock.now - started
        return result
    }

    // MARK: - Issuing

    private func issue(on date: LocalDate, connection c: isolated PostgresConnection) throws
        -> EvaluationResult
    {
        // One snapshot for the count, the codes and the writes.
        try c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        // The issuing statement is just costly enough to trigger JIT compilation, which
        // costs more than it saves on this plan (bench/issuance).
        try c.execute("SET LOCAL jit = off")
        let key: [(any PostgresEncodable)?] = [tenant.id, rule.id, date.description]
        let claimed = try c.query(
            """
            INSERT INTO kado_runs (tenant_id, rule_id, occurrence_date, status)
            VALUES ($1, $2, $3::date, 'done') ON CONFLICT DO NOTHING RETURNING 1
            """, key)
        if claimed.isEmpty { return try previousRun(on: date, connection: c) }

        var result = EvaluationResult(tenantID: tenant.id, ruleID: rule.id, date: date, outcome: .issued)
        // evaluate(on:) has checked that the trigger fires on this date.
        guard let audience = AudienceQuery(tenant: tenant, rule: rule, date: date, firstParameter: 18) else {
            result.outcome = .notDue
            return result
        }
        let sql = issueSQL(audience: audience, perUser: rule.code.style == .perUser)
        let generator = PromoCodeGenerator(spec: rule.code)
        let perUser = rule.code.style == .perUser
        let userCodes = perUser ? try audienceCount(on: date, connection: c) : 0
        if perUser {
            try c.execute(
                "CREATE TEMP TABLE IF NOT EXISTS kado_codes (n bigint PRIMARY KEY, code text NOT NULL) ON COMMIT DROP"
            )
        }

        var codeAttempt = 1
        while true {
            let sharedCode = perUser ? nil : generator.next()
            do {
                let row = try c.savepoint("kado_issue") { s -> PostgresRow? in
                    if perUser {
                        try s.execute("TRUNCATE kado_codes")
                        try s.copyIn(
                            "COPY kado_codes (n, code) FROM STDIN",
                            rows: (1...max(userCodes, 1)).lazy.prefix(userCodes).map {
                                [String($0), generator.next()]
                            })
                    }
                    return try s.query(sql, issueParameters(date: date, code: sharedCode, audience: audience))
                        .first
                }
                result.audience = try row?.decode(Int.self, at: 0) ?? 0
                result.promoID = try row?.decode(Int?.self, at: 1)
                result.eligibilities = try row?.decode(Int.self, at: 2) ?? 0
                result.notifications = Self.parseCounts(try row?.decode(String?.self, at: 3) ?? nil)
                result.code = result.promoID == nil ? nil : sharedCode
                result.userCodes = perUser ? result.eligibilities : 0
                break
            } catch let error as PostgresError where error.isUniqueViolation && Self.isCodeCollision(error) {
                guard codeAttempt < Self.maxCodeAttempts else { throw error }
                codeAttempt += 1
            }
        }
        if result.promoID == nil { result.outcome = .empty }
        try c.query(
            """
            UPDATE kado_runs SET status = $4, promo_id = $5::int, audience = $6::bigint, notifications = $7::bigint,
                   finished_at = clock_timestamp()
             WHERE tenant_id = $1 AND rule_id = $2 AND occurrence_date = $3::date
            """,
            key + [
                result.outcome == .empty ? "empty" : "done", result.promoID, result.audience,
                result.notificationTotal,
            ])
        return result
    }

    private static func isCodeCollision(_ error: PostgresError) -> Bool {
        error.constraint == "promos_code_key" || error.constraint == "promo_eligibilities_code_key"
    }

    /// One statement: the audience once, the promo only when someone qualifies, an
    /// eligibility per user, and an outbox row per user and channel where the user
    /// has an address for that channel.
    private func issueSQL(audience: AudienceQuery, perUser: Bool) -> String {
        let select = audience.sql
        let coded =
            perUser
            ? "SELECT a.*, c.code AS user_code FROM audience a JOIN kado_codes c ON c.n = a.n"
            : "SELECT a.*, NULL::text AS user_code FROM audience a"
        return """
            WITH audience AS MATERIALIZED (
                SELECT s.*, row_number() OVER () AS n FROM (\(select)) s
            ),
            promo AS (
                INSERT INTO promos (tenant_id, rule_id, occurrence_date, promo_code, name, amount, start_date, end_date,
                                    discount_type, currency, percent, cap, code_style, valid_from, valid_until)
                SELECT $1, $2, $3::date, $4::text, $5, $6::bigint, $3::date, $7::date,
                       $8, $9, $10::numeric, $11::bigint, $12, $13::timestamptz, $14::timestamptz
                 WHERE EXISTS (SELECT 1 FROM audience)
                RETURNING id
            ),
            coded AS (\(coded)),
            elig AS (
                INSERT INTO promo_eligibilities (promo_id, user_id, tenant_id, promo_code)
                SELECT p.id, a.user_id, $1, a.user_code FROM promo p CROSS JOIN coded a
                RETURNING 1
            ),
            notes AS (
                INSERT INTO notifications (tenant_id, promo_id, user_id, channel, template, recipient, user_name, locale, promo_code)
                SELECT $1, p.id, a.user_id, ch.channel, ch.template,
                       CASE ch.kind WHEN 'email' THEN a.email ELSE a.phone END, a.name, a.locale, a.user_code
                  FROM promo p CROSS JOIN coded a
                 CROSS JOIN unnest($15::text[], $16::text[], $17::text[]) AS ch(channel, template, kind)
                 WHERE CASE ch.kind WHEN 'email' THEN a.email ELSE a.phone END IS NOT NULL
                RETURNING channel
            )
            SELECT (SELECT count(*) FROM audience)::bigint, (SELECT id FROM promo), (SELECT count(*) FROM elig)::bigint,
                   (SELECT string_agg(channel || '=' || n, ',' ORDER BY channel)
                      FROM (SELECT channel, count(*) AS n FROM notes GROUP BY channel) x)
            """
    }

    private func issueParameters(date: LocalDate, code: String?, audience: AudienceQuery)
        -> [(any PostgresEncodable)?]
    {
        let terms = PromoTerms(rule: rule, tenant: tenant, date: date)
        var parameters: [(any PostgresEncodable)?] = [
            tenant.id, rule.id, date.description, code, rule.promoName, terms.amount,
            terms.endDate.description,
            terms.discountType, terms.currency, terms.percent, terms.cap, rule.code.style.rawValue,
            Self.iso(terms.validFrom), Self.iso(terms.validUntil),
            channels.map(\.name), channels.map(\.template), channels.map(\.kind.rawValue),
        ]
        parameters += audience.parameters.map { $0 }
        return parameters
    }

    private func audienceCount(on date: LocalDate, connection c: isolated PostgresConnection) throws -> Int {
        guard let audience = AudienceQuery(tenant: tenant, rule: rule, date: date, firstParameter: 1) else {
            return 0
        }
        return try c.query("SELECT count(*) FROM (\(audience.sql)) s", audience.parameters).first?.decode(
            Int.self, at: 0) ?? 0
    }

    private func previousRun(on date: LocalDate, connection c: isolated PostgresConnection) throws
        -> EvaluationResult
    {
        var result = EvaluationResult(tenantID: tenant.id, ruleID: rule.id, date: date, outcome: .alreadyDone)
        let row = try c.query(
            """
            SELECT r.promo_id, r.audience, p.promo_code FROM kado_runs r LEFT JOIN promos p ON p.id = r.promo_id
             WHERE r.tenant_id = $1 AND r.rule_id = $2 AND r.occurrence_date = $3::date
            """, [tenant.id, rule.id, date.description]
        ).first
        result.promoID = try row?.decode(Int?.self, at: 0)
        result.audience = try row?.decode(Int.self, at: 1) ?? 0
        result.code = try row?.decode(String?.self, at: 2)
        return result
    }

    // MARK: - Dry run

    private func count(on date: LocalDate, connection c: isolated PostgresConnection) throws
        -> EvaluationResult
    {
        try c.execute("SET TRANSACTION READ ONLY")
        var result = EvaluationResult(tenantID: tenant.id, ruleID: rule.id, date: date, outcome: .dryRun)
        let done = try c.query(
            "SELECT 1 FROM kado_runs WHERE tenant_id = $1 AND rule_id = $2 AND occurrence_date = $3::date",
            [tenant.id, rule.id, date.description])
        if !done.isEmpty {
            return try previousRun(on: date, connection: c)
        }
        guard let audience = AudienceQuery(tenant: tenant, rule: rule, date: date, firstParameter: 1) else {
            return result
        }
        let row = try c.query(
            "SELECT count(*), count(email), count(phone) FROM (\(audience.sql)) s", audience.parameters
        ).first
        let (total, emails, phones) = try row?.decode((Int, Int, Int).self) ?? (0, 0, 0)
        result.audience = total
        result.eligibilities = total
        result.userCodes = rule.code.style == .perUser ? total : 0
        for channel in channels where total > 0 {
            result.notifications[channel.name] = channel.kind == .email ? emails : phones
        }
        return result
    }

    static func parseCounts(_ text: String?) -> [String: Int] {
        var counts: [String: Int] = [:]
        for item in (text ?? "").split(separator: ",") {
            let parts = item.split(separator: "=")
            if parts.count == 2, let n = Int(parts[1]) { counts[String(parts[0])] = n }
        }
        return counts
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
