/// Every part of one template variant (kind and locale) with a promo's constants rendered
/// in: what ``MessageRenderer`` fills per recipient (see ``TemplateStencil``). Built once
/// per (promo terms, tenant, rule, locale, attribute truthiness) and kept by the
/// template's ``StencilCache``.
struct MessageStencil: Sendable {
    enum Parts: Sendable {
        case email(subject: TemplateStencil, html: TemplateStencil, text: TemplateStencil)
        case whatsapp(source: TemplateConfig.WhatsApp, parameters: [TemplateStencil], text: TemplateStencil)
    }

    let parts: Parts

    /// The stencil of `template`'s `kind` variant in `locale`, whose context is `values`
    /// (built with markers for the recipient's values) plus attribute markers; nil when a
    /// constant holds a marker scalar or a part does not render to well-formed slots.
    init?(
        template: CompiledTemplate, kind: MessageKind, locale: String, values: TemplateValues,
        plan: StencilPlan,
        truthy: UInt64
    ) {
        for (head, members) in values.tree {
            for (key, value) in members
            where !StencilPlan.recipientPaths.contains(head + "." + key) && TemplateStencil.holdsMarker(value)
            {
                return nil
            }
        }
        var context = values.context
        let first = StencilPlan.recipientPaths.count
        for (index, path) in plan.attributes.enumerated() {
            let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
            var object = context[parts[0]] as? [String: Any] ?? [:]
            if object[parts[1]] == nil {
                object[parts[1]] = TemplateAttribute(
                    shown: TemplateStencil.marker(first + index), truthy: truthy & (1 << UInt64(index)) != 0)
            }
            context[parts[0]] = object
        }
        let slots = first + plan.attributes.count
        switch kind {
        case .email:
            guard let e = template.email[locale],
                let subject = TemplateStencil(e.subject, context: context, slots: slots, escapes: false),
                let html = TemplateStencil(e.html, context: context, slots: slots, escapes: true),
                let text = TemplateStencil(e.text, context: context, slots: slots, escapes: false)
            else { return nil }
            parts = .email(subject: subject, html: html, text: text)
        case .whatsapp:
            guard let w = template.whatsapp[locale],
                let text = TemplateStencil(w.text, context: context, slots: slots, escapes: false)
            else { return nil }
            var parameters: [TemplateStencil] = []
            for parameter in w.parameters {
                guard let stencil = TemplateStencil(parameter, context: context, slots: slots, escapes: false)
                else { return nil }
                parameters.append(stencil)
            }
            parts = .whatsapp(source: w.source, parameters: parameters, text: text)
        }
    }
}
