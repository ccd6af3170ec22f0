/// Renders outbox rows into messages. The dispatcher and `kado preview` both go
/// through ``render(kind:template:values:channel:)``, so a preview is exactly
/// what is sent.
package struct MessageRenderer: Sendable {
    /// Compiled templates by tenant, then template name.
    let templates: [String: [String: CompiledTemplate]]

    package init(configuration: Configuration) throws {
        var templates: [String: [String: CompiledTemplate]] = [:]
        for tenant in configuration.tenants {
            for (name, template) in tenant.templates {
                templates[tenant.config.id, default: [:]][name] = try CompiledTemplate(template)
            }
        }
        self.templates = templates
    }

    package func template(tenant: String, name: String) -> CompiledTemplate? {
        templates[tenant]?[name.split(separator: "/").last.map(String.init) ?? name]
    }

    /// Renders one message of `channel`'s kind in `locale`.
    package func render(
        template: CompiledTemplate, locale: String, values: TemplateValues, channel: ChannelConfig
    ) -> (any MessageContent)? {
        guard let variant = template.variant(channel.kind, locale: locale) else { return nil }
        let context = values.context
        return channel.kind.definition.content(
            variant.source, rendered: variant.parts.map { $0.render(context) }, channel: channel,
            unsubscribeURL: values.unsubscribeURL)
    }

    /// The message `recipient` gets at `address` from `template` on `channel`: the one
    /// path from an outbox row (dispatcher) or a user (preview) to provider input.
    /// `preferredLocale` is the user's (or preview's `--locale`); nil when the template
    /// has no variant to render.
    ///
    /// Everything about the promo comes from `terms`: for an issued occurrence, the
    /// stored promo row; what the message shows of the user's attributes and the trigger
    /// comes from `snapshot`, the outbox row's.
    package func message(
        id: Int64, tenant: TenantConfig, ruleID: String, ruleName: String, channel: ChannelConfig,
        template: CompiledTemplate, recipient: TemplateValues.Recipient, address: String, code: String,
        terms: PromoTerms, snapshot: AttributeSnapshot = AttributeSnapshot(), preferredLocale: String?
    ) -> OutgoingMessage? {
        let locale = template.locale(
            for: channel.kind, preferred: preferredLocale, tenantLocale: tenant.locale)
        let recipientName = recipient.name.isEmpty ? nil : recipient.name
        // The promo's constants rendered once per (promo, locale); Mustache for the rest.
        if let content = stencilled(
            template: template, kind: channel.kind, locale: locale, tenant: tenant, ruleID: ruleID,
            ruleName: ruleName, terms: terms, recipient: recipient, code: code, snapshot: snapshot,
            channel: channel)
        {
            return OutgoingMessage(
                id: id, tenantID: tenant.id, channel: channel.name, recipient: address,
                recipientName: recipientName, locale: locale, content: content)
        }
        var values = TemplateValues(
            tenant: tenant, ruleID: ruleID, ruleName: ruleName, terms: terms, code: code,
            recipient: recipient,
            locale: locale, snapshot: snapshot)
        values.unsubscribeURL = tenant.unsubscribe?.url(
            tenantID: tenant.id, channel: channel.name, userID: recipient.id)
        guard let content = render(template: template, locale: locale, values: values, channel: channel)
        else {
            return nil
        }
        return OutgoingMessage(
            id: id, tenantID: tenant.id, channel: channel.name, recipient: address,
            recipientName: recipientName, locale: locale, content: content)
    }
}
