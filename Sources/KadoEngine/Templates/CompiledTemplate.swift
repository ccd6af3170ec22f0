import Mustache

/// One template file's variants, parsed once: rendering 20,000 messages parses nothing.
package struct CompiledTemplate: Sendable {
    /// One variant's parts, compiled in the kind's order.
    struct Variant: Sendable {
        var source: TemplateVariant
        var parts: [MustacheTemplate]
    }

    package let config: TemplateConfig
    /// The compiled variants by kind, then locale.
    let variants: [MessageKind: [String: Variant]]
    /// Stencils of this template's variants, per promo (``MessageStencil``).
    let stencils = StencilCache()

    /// Plain-text parts are rendered without HTML escaping.
    static func text(_ source: String) throws -> MustacheTemplate {
        try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source)
    }

    package init(_ config: TemplateConfig) throws {
        self.config = config
        var variants: [MessageKind: [String: Variant]] = [:]
        for (kind, byLocale) in config.variants {
            for (locale, variant) in byLocale {
                let parts = try variant.parts.map {
                    $0.html ? try MustacheTemplate(string: $0.source) : try Self.text($0.source)
                }
                variants[kind, default: [:]][locale] = Variant(source: variant, parts: parts)
            }
        }
        self.variants = variants
    }

    /// The compiled `kind` variant in `locale`.
    func variant(_ kind: MessageKind, locale: String) -> Variant? {
        variants[kind]?[locale]
    }

    /// The Mustache sources of the `kind` variant in `locale` (none when there is no such variant).
    func sources(for kind: MessageKind, locale: String) -> [String] {
        config.variant(kind, locale: locale)?.parts.map(\.source) ?? []
    }

    /// The variant to use for a user's locale: the exact tag, else the same
    /// language, else the template's default (or the tenant's) locale.
    package func locale(for kind: MessageKind, preferred: String?, tenantLocale: String) -> String {
        let available = config.locales(for: kind)
        let fallback = config.defaultLocale ?? tenantLocale
        guard let preferred, !preferred.isEmpty else { return fallback }
        if available.contains(preferred) { return preferred }
        let language = preferred.split(separator: "-").first.map(String.init)?.lowercased()
        if let match = available.first(where: {
            $0.split(separator: "-").first.map(String.init)?.lowercased() == language
        }) {
            return match
        }
        return fallback
    }
}
