/// Turns an outbox row into the message its provider sends, through the same
/// renderer `kado preview` uses.
enum OutboxMessage {
    static func render(
        row: OutboxRow, tenant: TenantConfig, rule: RuleConfig, channel: ChannelConfig,
        renderer: MessageRenderer
    ) -> OutgoingMessage? {
        guard let template = renderer.template(tenant: tenant.id, name: row.template) else { return nil }
        let locale = template.locale(for: channel.kind, preferred: row.locale, tenantLocale: tenant.locale)
        let recipient = TemplateValues.Recipient(
            id: row.userID, name: row.userName, email: channel.kind == .email ? row.recipient : nil,
            phone: channel.kind == .whatsapp ? row.recipient : nil, locale: row.locale)
        let values = TemplateValues(
            tenant: tenant, rule: rule, date: row.occurrenceDate, code: row.code, recipient: recipient,
            locale: locale)
        guard
            let content = renderer.render(
                template: template, locale: locale, values: values, channel: channel)
        else { return nil }
        return OutgoingMessage(
            id: row.id, tenantID: tenant.id, channel: channel.name, recipient: row.recipient,
            recipientName: row.userName.isEmpty ? nil : row.userName, locale: locale, content: content)
    }
}
