import KadoYAML

/// Message templates (`templates/<tenant>/<name>.yaml`): per channel kind, per locale.
package struct TemplateConfig: Sendable {
    /// An email in one locale: subject, HTML body, text body (Mustache).
    package struct Email: Sendable, Hashable {
        package var subject: String
        package var html: String
        package var text: String
    }

    /// A WhatsApp template message in one locale: the provider-approved template's
    /// name and language, its body parameters, and a text rendering for preview.
    package struct WhatsApp: Sendable, Hashable {
        package var name: String
        package var language: String
        package var parameters: [String]
        package var text: String
    }

    package var name: String
    package var tenantID: String
    package var defaultLocale: String?
    package var email: [String: Email]
    package var whatsapp: [String: WhatsApp]
    package var file: String
    /// The variables the template uses anywhere, as absolute paths (`user.tier`).
    package var variables: Set<String> = []
    /// Where the `email:` and `whatsapp:` keys are written (missing locales are reported there).
    var sectionMarks: [MessageKind: SourceMark] = [:]

    /// Whether the template has content for messages of `kind`.
    package func supports(_ kind: MessageKind) -> Bool {
        switch kind {
        case .email: return !email.isEmpty
        case .whatsapp: return !whatsapp.isEmpty
        }
    }

    /// The locales the template provides for `kind`.
    package func locales(for kind: MessageKind) -> [String] {
        switch kind {
        case .email: return email.keys.sorted()
        case .whatsapp: return whatsapp.keys.sorted()
        }
    }

    private static let localeKey = StringSchema("Locale tag, e.g. id-ID.", rule: Checks.locale)

    static let emailSchema = ObjectSchema(
        "An email in one locale (Mustache).",
        fields: [
            FieldSchema("subject", .string(StringSchema("Subject line.")), required: true),
            FieldSchema(
                "html", .string(StringSchema("HTML body; variables are HTML-escaped.")), required: true),
            FieldSchema("text", .string(StringSchema("Plain-text body.")), required: true),
        ])

    static let whatsappSchema = ObjectSchema(
        "A WhatsApp template message in one locale.",
        fields: [
            FieldSchema(
                "name", .string(StringSchema("The provider-approved template name.")), required: true),
            FieldSchema(
                "language", .string(StringSchema("The approved template's language code, e.g. id or en_US.")),
                required: true),
            FieldSchema(
                "parameters",
                .array(
                    ArraySchema(
                        "Body parameters {{1}}, {{2}}, ... in order (Mustache).",
                        items: .string(StringSchema("A parameter value."))))),
            FieldSchema(
                "text", .string(StringSchema("How the message reads, for preview (Mustache).")),
                required: true),
        ])

    static let schema = ObjectSchema(
        "Message templates: templates/<tenant>/<name>.yaml.",
        fields: [
            FieldSchema("description", .string(StringSchema("What the template is for."))),
            FieldSchema(
                "default_locale",
                .string(
                    StringSchema(
                        "Locale used when the user's is missing; defaults to the tenant's.",
                        rule: Checks.locale))),
            FieldSchema(
                "email",
                .object(
                    ObjectSchema(
                        "Email variants by locale.", fields: [], additional: .object(emailSchema),
                        keyRule: localeKey))),
            FieldSchema(
                "whatsapp",
                .object(
                    ObjectSchema(
                        "WhatsApp variants by locale.", fields: [], additional: .object(whatsappSchema),
                        keyRule: localeKey))),
        ])

    /// Reads the template, checking its variables against `model` (the tenant's).
    init(
        node: YAMLNode, name: String, tenantID: String, model: TemplateModel = .standard,
        context: inout ConfigContext
    ) {
        self.name = name
        self.tenantID = tenantID
        self.defaultLocale = node.string("default_locale")
        self.file = context.document.file
        var used = Set<String>()
        var email: [String: Email] = [:]
        for pair in node["email"]?.pairs ?? [] {
            guard let locale = pair.key.scalar?.value else { continue }
            let v = pair.value
            used.formUnion(Self.lint(v, keys: ["subject", "html", "text"], model: model, context: &context))
            if let subject = v.string("subject"), let html = v.string("html"), let text = v.string("text") {
                email[locale] = Email(subject: subject, html: html, text: text)
            }
        }
        var whatsapp: [String: WhatsApp] = [:]
        for pair in node["whatsapp"]?.pairs ?? [] {
            guard let locale = pair.key.scalar?.value else { continue }
            let v = pair.value
            used.formUnion(Self.lint(v, keys: ["text"], model: model, context: &context))
            let parameters = v["parameters"]?.items ?? []
            for parameter in parameters {
                used.formUnion(Self.lint(parameter, model: model, context: &context))
            }
            if let n = v.string("name"), let language = v.string("language"), let text = v.string("text") {
                whatsapp[locale] = WhatsApp(
                    name: n, language: language, parameters: parameters.compactMap { $0.scalar?.value },
                    text: text)
            }
        }
        self.email = email
        self.whatsapp = whatsapp
        self.variables = used
        for kind in MessageKind.allCases {
            if let key = node.pair(kind.rawValue)?.key { sectionMarks[kind] = key.mark }
        }
        if email.isEmpty && whatsapp.isEmpty && node["email"] == nil && node["whatsapp"] == nil {
            context.error(node.mark, "template '\(name)' has neither 'email' nor 'whatsapp' content")
        }
    }

    private static func lint(
        _ node: YAMLNode, keys: [String], model: TemplateModel, context: inout ConfigContext
    ) -> Set<String> {
        var used = Set<String>()
        for key in keys {
            if let value = node[key] {
                used.formUnion(lint(value, html: key == "html", model: model, context: &context))
            }
        }
        return used
    }

    /// Checks one Mustache text, each problem at its tag's own line and column; returns the
    /// variables it uses.
    private static func lint(
        _ node: YAMLNode, html: Bool = false, model: TemplateModel, context: inout ConfigContext
    ) -> Set<String> {
        guard let text = node.scalar?.value else { return [] }
        let (problems, used) = MustacheLint.scan(text, html: html, model: model)
        guard !problems.isEmpty else { return used }
        let marks = context.document.marks(ofOffsets: problems.map(\.offset), in: node)
        for (problem, mark) in zip(problems, marks) {
            context.error(mark, problem.message)
        }
        return used
    }
}
