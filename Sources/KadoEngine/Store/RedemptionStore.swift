import Foundation
import KadoPostgres

/// The one place that speaks SQL to redemptions: looking a code up, claiming it,
/// releasing a claim, and the record of every attempt (`kado_redemptions`).
///
/// A code is a shared code (`promos.promo_code`) or a user's own code
/// (`promo_eligibilities.promo_code`). The claim is the seed's own column,
/// `promo_eligibilities.claimed_at`, set by one conditional `UPDATE ... WHERE claimed_at
/// IS NULL`: of any number of concurrent claims of one (code, user), exactly one
/// updates the row (the others wait for it, see the row claimed, and update nothing).
/// The outcome is recorded in the same statement. The statements are prepared once per
/// connection (``PostgresConnection/preparedQuery(_:_:)``): planning them each time cost
/// more than running them (bench/redemption).
package struct RedemptionStore: Sendable {
    package init() {}

    /// What a statement found for one (code, user).
    package struct Answer: Sendable, Hashable {
        /// A ``RedemptionResult`` raw value, or `valid` for a validation that found nothing wrong.
        package var result: String
        package var promoID: Int?
        package var ruleID: String
        /// The user's claim, when there is one (as this statement saw it).
        package var claimedAt: Date?
        /// The promo as issued, when the code was found.
        package var terms: PromoTerms?
    }

    /// `found`: the promo of the code (a user's own code first, then a shared one) and,
    /// for own codes, their owner; `target`: whether user $3 may use it and whether it
    /// is valid at $4.
    private static let lookup = """
        found AS (
            SELECT f.promo_id, f.owner FROM (
                SELECT e.promo_id, e.user_id::bigint AS owner, 0 AS preference
                  FROM promo_eligibilities e
                 WHERE e.tenant_id = $1 AND e.promo_code = $2
                UNION ALL
                SELECT p.id, NULL::bigint, 1
                  FROM promos p
                 WHERE p.tenant_id = $1 AND p.promo_code = $2 AND p.rule_id IS NOT NULL
            ) f
             ORDER BY f.preference LIMIT 1
        ),
        target AS (
            SELECT f.promo_id,
                   e.user_id IS NOT NULL AND (f.owner IS NULL OR f.owner = $3::bigint) AS eligible,
                   e.claimed_at,
                   coalesce(p.valid_from <= to_timestamp($4::float8) AND to_timestamp($4::float8) < p.valid_until, false) AS valid_now
              FROM found f
              JOIN promos p ON p.tenant_id = $1 AND p.id = f.promo_id
              LEFT JOIN promo_eligibilities e ON e.tenant_id = $1 AND e.promo_id = f.promo_id AND e.user_id = $3::bigint
        )
        """

    /// The columns every statement ends with, for outcome `o` and promo `p`.
    private static let answerColumns = """
        o.result, o.promo_id, coalesce(p.rule_id, ''), extract(epoch FROM o.claimed_at)::float8, \(PromoTerms.columns("p"))
        """

    /// Looks the code up for the user at `now`, writing nothing: `valid`, or why not
    /// (`unknown_code`, `not_eligible`, `not_valid_now`, `already_claimed`).
    package func check(
        tenantID: String, code: String, userID: Int, at now: Date, connection c: isolated PostgresConnection
    )
        throws -> Answer
    {
        try answer(
            c.preparedQuery(
                """
                WITH \(Self.lookup),
                outcome AS (
                    SELECT t.promo_id, t.claimed_at,
                           CASE WHEN t.promo_id IS NULL THEN 'unknown_code'
                                WHEN NOT t.eligible THEN 'not_eligible'
                                WHEN NOT t.valid_now THEN 'not_valid_now'
                                WHEN t.claimed_at IS NOT NULL THEN 'already_claimed'
                                ELSE 'valid' END AS result
                      FROM (SELECT 1) one LEFT JOIN target t ON true
                )
                SELECT \(Self.answerColumns)
                  FROM outcome o LEFT JOIN promos p ON p.tenant_id = $1 AND p.id = o.promo_id
                """, [tenantID, code, userID, now.timeIntervalSince1970]))
    }

    /// Claims the code for the user at `now` (one statement, recorded with `orderAmount`):
    /// `claimed`, or why not (`unknown_code`, `not_eligible`, `not_valid_now`,
    /// `already_claimed`; for a claim that a concurrent statement made, `claimedAt` is
    /// nil here: read it with ``claimedAt(tenantID:promoID:userID:connection:)``).
    package func claim(
        tenantID: String, code: String, userID: Int, orderAmount: Int?, at now: Date,
        connection c: isolated PostgresConnection
    ) throws -> Answer {
        try answer(
            c.preparedQuery(
                """
                WITH \(Self.lookup),
                claimed AS (
                    UPDATE promo_eligibilities e SET claimed_at = to_timestamp($4::float8)
                      FROM target t
                     WHERE e.tenant_id = $1 AND e.promo_id = t.promo_id AND e.user_id = $3::bigint AND e.claimed_at IS NULL
                       AND t.eligible AND t.valid_now
                    RETURNING e.claimed_at
                ),
                outcome AS (
                    SELECT t.promo_id, coalesce((SELECT claimed_at FROM claimed), t.claimed_at) AS claimed_at,
                           CASE WHEN t.promo_id IS NULL THEN 'unknown_code'
                                WHEN EXISTS (SELECT 1 FROM claimed) THEN 'claimed'
                                WHEN NOT t.eligible THEN 'not_eligible'
                                WHEN NOT t.valid_now THEN 'not_valid_now'
                                ELSE 'already_claimed' END AS result
                      FROM (SELECT 1) one LEFT JOIN target t ON true
                ),
                recorded AS (
                    INSERT INTO kado_redemptions (tenant_id, promo_id, user_id, code, action, result, order_amount, created_at)
                    SELECT $1, o.promo_id, $3::bigint, $2, 'redeem', o.result, $5::bigint, to_timestamp($4::float8)
                      FROM outcome o
                )
                SELECT \(Self.answerColumns)
                  FROM outcome o LEFT JOIN promos p ON p.tenant_id = $1 AND p.id = o.promo_id
                """, [tenantID, code, userID, now.timeIntervalSince1970, orderAmount]))
    }

    /// Releases the user's claim of the code (the order was cancelled), recorded:
    /// `released`, or why not (`unknown_code`, `not_eligible`, `not_claimed`).
    package func release(
        tenantID: String, code: String, userID: Int, at now: Date, connection c: isolated PostgresConnection
    ) throws -> Answer {
        try answer(
            c.preparedQuery(
                """
                WITH \(Self.lookup),
                released AS (
                    UPDATE promo_eligibilities e SET claimed_at = NULL
                      FROM target t
                     WHERE e.tenant_id = $1 AND e.promo_id = t.promo_id AND e.user_id = $3::bigint AND e.claimed_at IS NOT NULL
                       AND t.eligible
                    RETURNING 1
                ),
                outcome AS (
                    SELECT t.promo_id, NULL::timestamptz AS claimed_at,
                           CASE WHEN t.promo_id IS NULL THEN 'unknown_code'
                                WHEN EXISTS (SELECT 1 FROM released) THEN 'released'
                                WHEN NOT t.eligible THEN 'not_eligible'
                                ELSE 'not_claimed' END AS result
                      FROM (SELECT 1) one LEFT JOIN target t ON true
                ),
                recorded AS (
                    INSERT INTO kado_redemptions (tenant_id, promo_id, user_id, code, action, result, created_at)
                    SELECT $1, o.promo_id, $3::bigint, $2, 'release', o.result, to_timestamp($4::float8)
                      FROM outcome o
                )
                SELECT \(Self.answerColumns)
                  FROM outcome o LEFT JOIN promos p ON p.tenant_id = $1 AND p.id = o.promo_id
                """, [tenantID, code, userID, now.timeIntervalSince1970]))
    }

    /// The user's claim of a promo as committed now.
    package func claimedAt(
        tenantID: String, promoID: Int, userID: Int, connection c: isolated PostgresConnection
    )
        throws -> Date?
    {
        try c.preparedQuery(
            """
            SELECT extract(epoch FROM claimed_at)::float8 FROM promo_eligibilities
             WHERE promo_id = $1::int AND user_id = $2::bigint AND tenant_id = $3
            """, [promoID, userID, tenantID]
        ).first?.decode(Double?.self, at: 0).map { Date(timeIntervalSince1970: $0) }
    }

    /// One recorded redemption or release.
    package struct Record: Sendable, Hashable {
        package var promoID: Int?
        package var userID: Int
        package var code: String
        package var action: String
        package var result: String
        package var orderAmount: Int?
        package var at: Date
    }

    /// The newest records of a tenant, newest first.
    package func records(tenantID: String, limit: Int, connection c: isolated PostgresConnection) throws
        -> [Record]
    {
        try c.query(
            """
            SELECT promo_id, user_id, code, action, result, order_amount, extract(epoch FROM created_at)::float8
              FROM kado_redemptions WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2::int
            """, [tenantID, limit]
        ).map { row in
            Record(
                promoID: try row.decode(Int?.self, at: 0), userID: try row.decode(Int.self, at: 1),
                code: try row.decode(String.self, at: 2), action: try row.decode(String.self, at: 3),
                result: try row.decode(String.self, at: 4), orderAmount: try row.decode(Int?.self, at: 5),
                at: Date(timeIntervalSince1970: try row.decode(Double.self, at: 6)))
        }
    }

    private func answer(_ rows: PostgresRows) throws -> Answer {
        guard let row = rows.first else {
            throw PostgresError(kind: .decoding, message: "the redemption statement returned no row")
        }
        let promoID = try row.decode(Int?.self, at: 1)
        return Answer(
            result: try row.decode(String.self, at: 0), promoID: promoID,
            ruleID: try row.decode(String.self, at: 2),
            claimedAt: try row.decode(Double?.self, at: 3).map { Date(timeIntervalSince1970: $0) },
            terms: promoID == nil ? nil : try PromoTerms(row: row, at: 4))
    }
}
