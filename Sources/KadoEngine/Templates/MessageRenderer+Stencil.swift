extension MessageRenderer {
    /// The message content from `template`'s stencil for this promo and locale (built on
    /// first use): the same text Mustache renders, for the recipient's values only. Nil when
    /// the variant has no stencil (see ``StencilPlan``): the caller renders with Mustache.
    func stencilled(
        template: CompiledTemplate, kind: MessageKind, locale: String, tenant: TenantConfig, ruleID: String,
        ruleName: String, terms: PromoTerms, recipient: TemplateValues.Recipient, code: String,
        snapshot: AttributeSnapshot, channel: ChannelConfig
    ) -> (any MessageContent)? {
        // Captured values other than the user's and the trigger's have no slots.
        guard snapshot.values.keys.allSatisfy({ $0.hasPrefix("user.") || $0.hasPrefix("trigger.") }),
            let plan = template.stencils.plan(
                StencilCache.PlanKey(kind: kind, locale: locale),
                make: { StencilPlan(sources: template.sources(for: kind, locale: locale)) })
        else { return nil }
        let name = TemplateValues.displayName(recipient.name)
        let unsubscribeURL = tenant.unsubscribe?.url(
            tenantID: tenant.id, channel: channel.name, userID: recipient.id)
        var values = [
            String(recipient.id), name, TemplateValues.firstName(of: name), recipient.email ?? "",
            recipient.phone ?? "", code, unsubscribeURL ?? "",
        ]
        var truthy: UInt64 = 0
        if !plan.attributes.isEmpty {
            let format = MessageFormatter(
                locale: locale, currency: terms.currency, timeZone: tenant.clock.timeZone)
            for (index, path) in plan.attributes.enumerated() {
                guard let value = snapshot.values[path] else {
                    values.append("")
                    continue
                }
                let attribute = format.attribute(
                    value, type: TemplateValues.attributeType(path, tenant: tenant))
                values.append(attribute.shown)
                if attribute.truthy { truthy |= 1 << UInt64(index) }
            }
        }
        let key = StencilCache.Key(
            kind: kind, locale: locale, tenantID: tenant.id, tenantName: tenant.name,
            timeZone: tenant.clock.timeZone.identifier, unsubscribe: unsubscribeURL != nil, ruleID: ruleID,
            ruleName: ruleName, terms: terms, truthy: truthy)
        let made = template.stencils.stencil(key) {
            var constants = TemplateValues(
                tenant: tenant, ruleID: ruleID, ruleName: ruleName, terms: terms,
                code: TemplateStencil.marker(5),
                recipient: TemplateValues.Recipient(id: 0, name: "", email: nil, phone: nil, locale: nil),
                locale: locale)
            for (slot, path) in StencilPlan.recipientPaths.enumerated() where path.hasPrefix("user.") {
                constants.tree["user", default: [:]][String(path.dropFirst(5))] = TemplateStencil.marker(slot)
            }
            constants.unsubscribeURL = unsubscribeURL == nil ? nil : TemplateStencil.marker(6)
            return MessageStencil(
                template: template, kind: kind, locale: locale, values: constants, plan: plan, truthy: truthy)
        }
        guard let stencil = made else { return nil }
        return kind.definition.content(
            stencil.variant, rendered: stencil.parts.map { $0.render(values) }, channel: channel,
            unsubscribeURL: unsubscribeURL)
    }
}
