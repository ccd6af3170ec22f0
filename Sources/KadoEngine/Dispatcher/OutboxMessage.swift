/// Turns a claimed outbox row into the message its provider sends, through the
/// same renderer `kado preview` uses, from the promo as it was issued. `address` is the
/// row's recipient as the kind takes it (a phone number in E.164).
enum OutboxMessage {
    static func render(
        _ claimed: ClaimedMessage, address: String, tenant: Configuration.Tenant, channel: ChannelConfig,
        renderer: MessageRenderer
    ) -> OutgoingMessage? {
        guard let template = renderer.template(tenant: tenant.config.id, name: claimed.template) else {
            return nil
        }
        let recipient = TemplateValues.Recipient(
            id: claimed.userID, name: claimed.userName,
            email: channel.kind.address == .email ? claimed.recipient : nil,
            phone: channel.kind.address == .phone ? claimed.recipient : nil, locale: claimed.locale)
        // The rule may have been renamed or removed since: its name is the one part of the
        // message that comes from the configuration as it reads now.
        let ruleName = tenant.rules.first { $0.id == claimed.ruleID }?.name ?? claimed.ruleID
        return renderer.message(
            id: claimed.id, tenant: tenant.config, ruleID: claimed.ruleID, ruleName: ruleName,
            channel: channel,
            template: template, recipient: recipient, address: address, code: claimed.code,
            terms: claimed.terms, snapshot: claimed.attributes, preferredLocale: claimed.locale)
    }
}
