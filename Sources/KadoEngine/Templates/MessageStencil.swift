/// Every part of one template variant (kind and locale) with a promo's constants rendered
/// in: what ``MessageRenderer`` fills per recipient (see ``TemplateStencil``). Built once
/// per (promo terms, tenant, rule, locale, attribute truthiness) and kept by the
/// template's ``StencilCache``.
struct MessageStencil: Sendable {
    /// The variant as written (its literals, and which part is which).
    let variant: TemplateVariant
    /// Each part's stencil, in the variant's order.
    let parts: [TemplateStencil]

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
        guard let variant = template.variant(kind, locale: locale) else { return nil }
        var parts: [TemplateStencil] = []
        for (part, compiled) in zip(variant.source.parts, variant.parts) {
            guard let stencil = TemplateStencil(compiled, context: context, slots: slots, escapes: part.html)
            else { return nil }
            parts.append(stencil)
        }
        self.variant = variant.source
        self.parts = parts
    }
}
