import Foundation
import KadoPostgres

/// The one place that writes promos, eligibilities and outbox rows: the issuing
/// statement the evaluator runs inside its transaction.
package struct PromoStore: Sendable {
    package init() {}

    /// What one issuing statement wrote.
    package struct Issued: Sendable, Hashable {
        package var audience: Int
        package var promoID: Int?
        package var eligibilities: Int
        /// Outbox rows by channel.
        package var notifications: [String: Int]
    }

    /// A notification entry of the rule: channel, template and the kind of address it needs.
    package struct Channel: Sendable, Hashable {
        package var name: String
        package var template: String
        package var kind: MessageKind
        /// Local time of the occurrence date the row is due at; nil: at issuance.
        package var sendAt: LocalTime? = nil
        /// Whose clock `sendAt` is read on.
        package var sendZone: SendZone = .tenant
        /// The channel (and its kind) for customers this one cannot reach.
        package var fallback: String? = nil
        package var fallbackKind: MessageKind? = nil
    }

    /// What every row of an occurrence carries for delivery: the tenant's zone (the recipient's
    /// when theirs is unknown), and the rule's rank under frequency caps.
    package struct Delivery: Sendable, Hashable {
        package var tenantZone: String
        /// The exclusive-group priority (0 without a group).
        package var priority: Int
        /// When the rule fired.
        package var triggerAt: Date

        package init(tenantZone: String, priority: Int, triggerAt: Date) {
            self.tenantZone = tenantZone
            self.priority = priority
            self.triggerAt = triggerAt
        }
    }

    /// Parameters the issuing statement binds before the audience query's own.
    static let fixedParameterCount = 24

    /// One statement: the audience once, the promo only when someone qualifies, an
    /// eligibility per user, and an outbox row per user and channel where the user has
    /// an address for that channel, has consented to it (`opt_in`) and is not suppressed
    /// on it, with what its message shows of the user (the audience query's `attributes`).
    /// A row is due at its channel's `send_at` on the user's (or tenant's) clock, resolved by
    /// `kado_local_instant`, or at once when that has passed; it stores the recipient's zone
    /// and the rule's rank. Zones and due times are worked out once per distinct zone of the
    /// audience and channel (`slots`), not per row: both are PL/pgSQL calls, and were most of
    /// the statement's CPU at a million users. `OFFSET 0` keeps `ok` a subquery, so that each
    /// suppression lookup runs once per row instead of once per reference to it. A user the
    /// channel cannot reach gets the entry's fallback channel instead; one it can reach
    /// carries the fallback's address for a later fallback.
    /// `audience` numbers its parameters from
    /// `fixedParameterCount + 1`. With `perUser`, codes come from the temporary table
    /// ``loadCodes(_:connection:)`` filled.
    package func issue(
        tenantID: String, ruleID: String, terms: PromoTerms, code: String?, codeStyle: String,
        channels: [Channel], delivery: Delivery, audience: AudienceQuery, perUser: Bool,
        connection c: isolated PostgresConnection
    ) throws -> Issued {
        let coded =
            perUser
            ? "SELECT a.*, c.code AS user_code FROM audience a JOIN kado_codes c ON c.n = a.n"
            : "SELECT a.*, NULL::text AS user_code FROM audience a"
        let sql = """
            WITH audience AS MATERIALIZED (
                SELECT s.*, row_number() OVER () AS n FROM (\(audience.sql)) s
            ),
            promo AS (
                INSERT INTO promos (tenant_id, rule_id, occurrence_date, promo_code, name, amount, start_date, end_date,
                                    discount_type, currency, percent, cap, code_style, valid_from, valid_until)
                SELECT $1, $2, $3::date, $4::text, $5, $6::bigint, $3::date, $7::date,
                       $8, $9, $10::numeric, $11::bigint, $12, to_timestamp($13::float8), to_timestamp($14::float8)
                 WHERE EXISTS (SELECT 1 FROM audience)
                RETURNING id
            ),
            coded AS NOT MATERIALIZED (\(coded)),
            elig AS (
                INSERT INTO promo_eligibilities (promo_id, user_id, tenant_id, promo_code)
                SELECT p.id, a.user_id, $1, a.user_code FROM promo p CROSS JOIN coded a
                RETURNING 1
            ),
            chs AS MATERIALIZED (
                SELECT * FROM unnest($15::text[], $16::text[], $17::text[], $21::text[], $22::text[], $23::text[],
                                     $24::text[]) WITH ORDINALITY
                           AS ch(channel, template, address, send_at, zone_mode, fb_channel, fb_address, ord)
            ),
            slots AS MATERIALIZED (
                SELECT d.raw, c.ord, z.zone,
                       CASE WHEN c.send_at IS NULL THEN now()
                            ELSE greatest(now(), kado_local_instant($3::date, c.send_at::time,
                                          CASE c.zone_mode WHEN 'user' THEN z.zone END, $18)) END AS due
                  FROM (SELECT DISTINCT coalesce(zone, '') AS raw FROM audience) d
                 CROSS JOIN LATERAL (SELECT kado_zone(NULLIF(d.raw, ''), $18) AS zone) z
                 CROSS JOIN chs c
            ),
            notes AS (
                INSERT INTO notifications (tenant_id, promo_id, user_id, channel, template, recipient, user_name, locale, promo_code,
                                           attributes, zone, priority, trigger_at, next_attempt_at, fallback_channel,
                                           fallback_recipient)
                SELECT $1, p.id, a.user_id, x.channel, ch.template, x.recipient, a.name, a.locale, a.user_code,
                       a.attributes, z.zone, $19::int, to_timestamp($20::float8), z.due,
                       x.fallback_channel, x.fallback_recipient
                  FROM promo p CROSS JOIN coded a
                 CROSS JOIN chs ch
                  JOIN slots z ON z.raw = coalesce(a.zone, '') AND z.ord = ch.ord
                 CROSS JOIN LATERAL (
                     SELECT CASE ch.address WHEN 'email' THEN a.email ELSE a.phone END AS address,
                            CASE ch.fb_address WHEN 'email' THEN a.email ELSE a.phone END AS fb_address) r
                 CROSS JOIN LATERAL (
                     SELECT \(Self.deliverable(tenant: "$1")) AS reachable,
                            ch.fb_channel IS NOT NULL AND r.fb_address IS NOT NULL
                            AND NOT (ch.fb_channel = ANY (a.without_consent))
                            AND NOT EXISTS (SELECT 1 FROM kado_suppressions s
                                             WHERE s.tenant_id = $1 AND s.channel = ch.fb_channel AND s.user_id = a.user_id)
                            AS fb_reachable
                     OFFSET 0) ok
                 CROSS JOIN LATERAL (
                     SELECT CASE WHEN ok.reachable THEN ch.channel WHEN ok.fb_reachable THEN ch.fb_channel END AS channel,
                            CASE WHEN ok.reachable THEN r.address WHEN ok.fb_reachable THEN r.fb_address END AS recipient,
                            CASE WHEN ok.reachable AND ok.fb_reachable THEN ch.fb_channel END AS fallback_channel,
                            CASE WHEN ok.reachable AND ok.fb_reachable THEN r.fb_address END AS fallback_recipient) x
                 WHERE x.channel IS NOT NULL
                RETURNING channel
            )
            SELECT (SELECT count(*) FROM audience)::bigint, (SELECT id FROM promo), (SELECT count(*) FROM elig)::bigint,
                   (SELECT string_agg(channel || '=' || n, ',' ORDER BY channel)
                      FROM (SELECT channel, count(*) AS n FROM notes GROUP BY channel) x)
            """
        var parameters: [(any PostgresEncodable)?] = [
            tenantID, ruleID, terms.occurrenceDate.description, code, terms.promoName, terms.amount,
            terms.endDate.description, terms.discountType, terms.currency, terms.percent, terms.cap,
            codeStyle,
            terms.validFrom.timeIntervalSince1970, terms.validUntil.timeIntervalSince1970,
            channels.map(\.name), channels.map(\.template), channels.map(\.kind.address.rawValue),
            delivery.tenantZone, delivery.priority, delivery.triggerAt.timeIntervalSince1970,
            channels.map { $0.sendAt?.description }, channels.map(\.sendZone.rawValue),
            channels.map(\.fallback),
            channels.map { $0.fallbackKind?.address.rawValue },
        ]
        parameters += audience.parameters.map { $0 }
        let row = try c.query(sql, parameters).first
        return Issued(
            audience: try row?.decode(Int.self, at: 0) ?? 0,
            promoID: try row?.decode(Int?.self, at: 1),
            eligibilities: try row?.decode(Int.self, at: 2) ?? 0,
            notifications: Self.parseCounts(try row?.decode(String?.self, at: 3) ?? nil))
    }

    /// Fills the per-user code table (`kado_codes`, dropped at commit) with `count` codes.
    package func loadCodes(
        count: Int, next: @escaping () -> String, connection c: isolated PostgresConnection
    ) throws {
        try c.execute(
            "CREATE TEMP TABLE IF NOT EXISTS kado_codes (n bigint PRIMARY KEY, code text NOT NULL) ON COMMIT DROP"
        )
        try c.execute("TRUNCATE kado_codes")
        try c.copyIn(
            "COPY kado_codes (n, code) FROM STDIN",
            rows: (0..<count).lazy.map { [String($0 + 1), next()] })
    }

    /// How many users the audience query selects.
    package func count(_ audience: AudienceQuery, connection c: isolated PostgresConnection) throws -> Int {
        try c.query("SELECT count(*) FROM (\(audience.sql)) s", audience.parameters).first?.decode(
            Int.self, at: 0) ?? 0
    }

    /// Whether user `a` gets an outbox row on channel `ch` (channel, template, kind): they
    /// have an address for it, have consented to it and are not suppressed on it. `tenant` is
    /// the placeholder of the tenant id. The issuing statement and the dry run both use it.
    static func deliverable(tenant: String) -> String {
        """
        CASE ch.address WHEN 'email' THEN a.email ELSE a.phone END IS NOT NULL
                           AND NOT (ch.channel = ANY (a.without_consent))
                           AND NOT EXISTS (SELECT 1 FROM kado_suppressions s
                                            WHERE s.tenant_id = \(tenant) AND s.channel = ch.channel AND s.user_id = a.user_id)
        """
    }

    /// What issuing would write, without writing: the users the audience query selects and,
    /// per channel, the outbox rows (address, consent and suppressions as the issuing
    /// statement applies them).
    package func counts(
        tenantID: String, channels: [Channel], audience: AudienceQuery,
        connection c: isolated PostgresConnection
    ) throws -> (total: Int, notifications: [String: Int]) {
        let next = audience.parameters.count + 1
        let row = try c.query(
            """
            WITH audience AS MATERIALIZED (\(audience.sql))
            SELECT (SELECT count(*) FROM audience)::bigint,
                   (SELECT string_agg(channel || '=' || n, ',' ORDER BY channel) FROM (
                       SELECT ch.channel, count(*) AS n
                         FROM audience a CROSS JOIN unnest($\(next + 1)::text[], $\(next + 2)::text[]) AS ch(channel, address)
                        WHERE \(Self.deliverable(tenant: "$\(next)::text"))
                        GROUP BY ch.channel) x)
            """,
            audience.parameters.map { $0 } + [
                tenantID, channels.map(\.name), channels.map(\.kind.address.rawValue),
            ]
        ).first
        let total = try row?.decode(Int.self, at: 0) ?? 0
        var notifications = Self.parseCounts(try row?.decode(String?.self, at: 1) ?? nil)
        for channel in channels where total > 0 && notifications[channel.name] == nil {
            notifications[channel.name] = 0
        }
        return (total, notifications)
    }

    /// An issued occurrence as one user sees it.
    package struct IssuedToUser: Sendable, Hashable {
        /// The promo as stored.
        package var terms: PromoTerms
        /// The user's code (their own, or the shared one); nil when they are not eligible.
        package var code: String?
        /// Whether the user is among the promo's eligibilities.
        package var eligible: Bool
        /// The outbox row of the user's message on the channel, when one was written.
        package var outboxID: Int64?
        /// What that row captured of the user and the trigger for the message.
        package var attributes = AttributeSnapshot()
    }

    /// The promo stored for an occurrence, with what `userID` got on `channel`.
    package func issued(
        tenantID: String, ruleID: String, date: LocalDate, userID: Int, channel: String,
        connection c: isolated PostgresConnection
    ) throws -> IssuedToUser? {
        try c.query(
            """
            SELECT coalesce(e.promo_code, CASE WHEN e.user_id IS NOT NULL THEN p.promo_code END),
                   e.user_id IS NOT NULL,
                   (SELECT n.id FROM notifications n
                     WHERE n.promo_id = p.id AND n.user_id = $4::int AND n.channel = $5 AND n.tenant_id = p.tenant_id),
                   \(PromoTerms.columns("p")),
                   (SELECT n.attributes::text FROM notifications n
                     WHERE n.promo_id = p.id AND n.user_id = $4::int AND n.channel = $5 AND n.tenant_id = p.tenant_id)
              FROM promos p
              LEFT JOIN promo_eligibilities e ON e.tenant_id = p.tenant_id AND e.promo_id = p.id AND e.user_id = $4::int
             WHERE p.tenant_id = $1 AND p.rule_id = $2 AND p.occurrence_date = $3::date
            """, [tenantID, ruleID, date.description, userID, channel]
        ).first.map { row in
            IssuedToUser(
                terms: try PromoTerms(row: row, at: 3), code: try row.decode(String?.self, at: 0),
                eligible: try row.decode(Bool.self, at: 1), outboxID: try row.decode(Int64?.self, at: 2),
                attributes: AttributeSnapshot(
                    json: try row.decode(String?.self, at: 3 + PromoTerms.columnCount)))
        }
    }

    /// Whether a unique violation is a promo-code collision: on `promos` or
    /// `promo_eligibilities`, by a unique key that covers `promo_code` (kado's indexes, or
    /// a constraint such as the seed database's `UNIQUE (promo_code)`), asked of the catalog.
    package func isCodeCollision(_ error: PostgresError, connection c: isolated PostgresConnection) -> Bool {
        guard error.isUniqueViolation else { return false }
        if error.constraint == "promos_code_key" || error.constraint == "promo_eligibilities_code_key" {
            return true
        }
        guard error.tableName == nil || ["promos", "promo_eligibilities"].contains(error.tableName ?? "")
        else {
            return false
        }
        return (try? c.uniqueKeyColumns(of: error))??.contains("promo_code") ?? false
    }

    static func parseCounts(_ text: String?) -> [String: Int] {
        var counts: [String: Int] = [:]
        for item in (text ?? "").split(separator: ",") {
            let parts = item.split(separator: "=")
            if parts.count == 2, let n = Int(parts[1]) { counts[String(parts[0])] = n }
        }
        return counts
    }
}
