/// Turns an outbox row into the message its provider sends, through the same
/// renderer `kado preview` uses.
enum OutboxMessage {
    static func render(
        row: OutboxRow, tenant: TenantConfig, rule: RuleConfig, channel: ChannelConfig,
        renderer: MessageRenderer
    ) -> OutgoingMessage? {
        guard let template = renderer.template(tenant: tenant.id, name: row.template) else { return nil }
        let recipient = TemplateValues.Recipient(
            id: row.userID, name: row.userName, email: channel.kind == .email ? row.recipient : nil,
            phone: channel.kind == .whatsapp ? row.recipient : nil, locale: row.locale)
        return renderer.message(
            id: row.id, tenant: tenant, rule: rule, channel: channel, template: template,
            recipient: recipient,
            address: row.recipient, code: row.code, date: row.occurrenceDate, preferredLocale: row.locale)
    }
}
