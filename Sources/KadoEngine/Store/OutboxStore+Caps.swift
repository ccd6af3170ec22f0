import KadoPostgres

extension OutboxStore {
    /// Applies the tenants' frequency caps to the rows `claim` holds: each message on a capped
    /// channel takes a place under its customer's cap or ends `capped` (`kado_apply_caps`, one
    /// advisory lock per tenant, channel and customer, so it holds with any number of
    /// dispatchers). Capped messages leave `claim.messages` and are counted in `settled`.
    func applyCaps(to claim: inout Claim, policy: DeliveryPolicy, connection c: isolated PostgresConnection)
        throws
    {
        guard !policy.caps.isEmpty, !claim.messages.isEmpty else { return }
        var capped: Set<Int64> = []
        for (tenantID, cap) in policy.caps.sorted(by: { $0.key < $1.key }) {
            let ids = claim.messages.filter { $0.tenantID == tenantID && cap.channels.contains($0.channel) }
                .map(\.id)
            guard !ids.isEmpty else { continue }
            for row in try c.query(
                "SELECT kado_apply_caps($1, $2::bigint[], $3::text[], $4::int, $5::int)",
                [tenantID, ids, cap.channels, cap.messages, cap.perDays])
            {
                capped.insert(try row.decode(Int64.self, at: 0))
            }
        }
        guard !capped.isEmpty else { return }
        for message in claim.messages where capped.contains(message.id) {
            let key = Settled(tenantID: message.tenantID, channel: message.channel, status: .capped)
            claim.settled[key, default: 0] += 1
        }
        claim.messages.removeAll { capped.contains($0.id) }
    }
}
