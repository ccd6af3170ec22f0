import Mustache

/// One template file's variants, parsed once: rendering 20,000 messages parses nothing.
package struct CompiledTemplate: Sendable {
    struct Email: Sendable {
        var subject: MustacheTemplate
        var html: MustacheTemplate
        var text: MustacheTemplate
    }

    struct WhatsApp: Sendable {
        var source: TemplateConfig.WhatsApp
        var parameters: [MustacheTemplate]
        var text: MustacheTemplate
    }

    package let config: TemplateConfig
    let email: [String: Email]
    let whatsapp: [String: WhatsApp]
    /// Stencils of this template's variants, per promo (``MessageStencil``).
    let stencils = StencilCache()

    /// Plain-text parts are rendered without HTML escaping.
    static func text(_ source: String) throws -> MustacheTemplate {
        try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source)
    }

    package init(_ config: TemplateConfig) throws {
        self.config = config
        var email: [String: Email] = [:]
        for (locale, e) in config.email {
            email[locale] = Email(
                subject: try Self.text(e.subject), html: try MustacheTemplate(string: e.html),
                text: try Self.text(e.text))
        }
        var whatsapp: [String: WhatsApp] = [:]
        for (locale, w) in config.whatsapp {
            whatsapp[locale] = WhatsApp(
                source: w, parameters: try w.parameters.map(Self.text), text: try Self.text(w.text))
        }
        self.email = email
        self.whatsapp = whatsapp
    }

    /// The Mustache sources of the `kind` variant in `locale` (none when there is no such variant).
    func sources(for kind: MessageKind, locale: String) -> [String] {
        if kind == .email, let e = config.email[locale] { return [e.subject, e.html, e.text] }
        if kind == .whatsapp, let w = config.whatsapp[locale] { return w.parameters + [w.text] }
        return []
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
