import KadoPostgres

/// Which outbox rows an operator means (`kado outbox list|retry|cancel`).
package struct OutboxFilter: Sendable, Hashable {
    package var statuses: [OutboxStatus]
    package var tenant: String?
    package var rule: String?
    /// The promo's occurrence date.
    package var date: LocalDate?
    package var channel: String?

    package init(
        statuses: [OutboxStatus] = [], tenant: String? = nil, rule: String? = nil, date: LocalDate? = nil,
        channel: String? = nil
    ) {
        self.statuses = statuses
        self.tenant = tenant
        self.rule = rule
        self.date = date
        self.channel = channel
    }

    /// `AND ...` conditions on notifications `n` and promos `p`, numbering parameters from `first`.
    func sql(first: Int) -> (conditions: String, parameters: [(any PostgresEncodable)?]) {
        let n = first
        return (
            """
             AND (cardinality($\(n)::text[]) = 0 OR n.status = ANY($\(n)::text[]))
             AND ($\(n + 1)::text IS NULL OR n.tenant_id = $\(n + 1))
             AND ($\(n + 2)::text IS NULL OR p.rule_id = $\(n + 2))
             AND ($\(n + 3)::date IS NULL OR p.occurrence_date = $\(n + 3)::date)
             AND ($\(n + 4)::text IS NULL OR n.channel = $\(n + 4))
            """,
            [statuses.map(\.rawValue), tenant, rule, date?.description, channel]
        )
    }
}
