import KadoPostgres

/// An outbox row a dispatcher holds the lease of, with everything its message
/// shows: the recipient as issued and the promo's stored terms.
package struct ClaimedMessage: Sendable, Hashable {
    package var id: Int64
    package var tenantID: String
    package var ruleID: String
    package var channel: String
    package var template: String
    package var recipient: String
    package var userID: Int
    package var userName: String
    package var locale: String?
    /// Attempts made before this claim.
    package var attempts: Int
    /// The per-user code, else the promo's shared code.
    package var code: String
    /// The promo as issued.
    package var terms: PromoTerms
    /// What the row captured of the user and the trigger at issuance (`{{user.tier}}`).
    package var attributes: AttributeSnapshot

    /// Columns selected by ``OutboxStore`` claims, for notifications `n` and promos `p`, in
    /// the order ``init(row:)`` reads them.
    static let columns = """
        n.id, n.tenant_id, coalesce(p.rule_id, ''), n.channel, n.template, n.recipient, n.user_id,
        coalesce(n.user_name, ''), n.locale, n.attempts, coalesce(n.promo_code, p.promo_code, ''),
        \(PromoTerms.columns("p")), n.attributes::text
        """

    init(row: PostgresRow, at offset: Int = 0) throws {
        id = try row.decode(Int64.self, at: offset)
        tenantID = try row.decode(String.self, at: offset + 1)
        ruleID = try row.decode(String.self, at: offset + 2)
        channel = try row.decode(String.self, at: offset + 3)
        template = try row.decode(String.self, at: offset + 4)
        recipient = try row.decode(String.self, at: offset + 5)
        userID = try row.decode(Int.self, at: offset + 6)
        userName = try row.decode(String.self, at: offset + 7)
        locale = try row.decode(String?.self, at: offset + 8)
        attempts = try row.decode(Int.self, at: offset + 9)
        code = try row.decode(String.self, at: offset + 10)
        terms = try PromoTerms(row: row, at: offset + 11)
        attributes = AttributeSnapshot(
            json: try row.decode(String?.self, at: offset + 11 + PromoTerms.columnCount))
    }

    /// Cells read by ``init(row:at:)``.
    static let columnCount = 12 + PromoTerms.columnCount
}
