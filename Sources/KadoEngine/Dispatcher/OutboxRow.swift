import KadoPostgres

/// A claimed outbox row with what rendering needs from its promo.
struct OutboxRow: Sendable {
    var id: Int64
    var tenantID: String
    var channel: String
    var template: String
    var recipient: String
    var userID: Int
    var userName: String
    var locale: String?
    var attempts: Int
    var ruleID: String
    var occurrenceDate: LocalDate
    /// The per-user code, else the promo's shared code.
    var code: String

    /// Columns selected by ``Dispatcher`` claims, in this order.
    static let columns = """
        n.id, n.tenant_id, n.channel, n.template, n.recipient, n.user_id, coalesce(n.user_name, ''), n.locale,
        n.attempts, p.rule_id, p.occurrence_date::text, coalesce(n.promo_code, p.promo_code, '')
        """

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, at: 0)
        tenantID = try row.decode(String.self, at: 1)
        channel = try row.decode(String.self, at: 2)
        template = try row.decode(String.self, at: 3)
        recipient = try row.decode(String.self, at: 4)
        userID = try row.decode(Int.self, at: 5)
        userName = try row.decode(String.self, at: 6)
        locale = try row.decode(String?.self, at: 7)
        attempts = try row.decode(Int.self, at: 8)
        ruleID = try row.decode(String?.self, at: 9) ?? ""
        occurrenceDate =
            LocalDate(try row.decode(String.self, at: 10)) ?? LocalDate(year: 1970, month: 1, day: 1)
        code = try row.decode(String.self, at: 11)
    }
}
