import KadoYAML

/// Message templates (`templates/<tenant>/<name>.yaml`): per channel kind, per locale.
package struct TemplateConfig: Sendable {
    package var name: String
    package var tenantID: String
    package var defaultLocale: String?
    /// The variants by kind, then locale.
    package var variants: [MessageKind: [String: TemplateVariant]]
    package var file: String
    /// The variables the template uses anywhere, as absolute paths (`user.tier`).
    package var variables: Set<String> = []
    /// Where each kind's key (`email:`) is written (missing locales are reported there).
    var sectionMarks: [MessageKind: SourceMark] = [:]

    /// Whether the template has content for messages of `kind`.
    package func supports(_ kind: MessageKind) -> Bool {
        !(variants[kind]?.isEmpty ?? true)
    }

    /// The locales the template provides for `kind`.
    package func locales(for kind: MessageKind) -> [String] {
        variants[kind]?.keys.sorted() ?? []
    }

    /// The `kind` variant in `locale`, if the template has it.
    package func variant(_ kind: MessageKind, locale: String) -> TemplateVariant? {
        variants[kind]?[locale]
    }

    private static let localeKey = StringSchema("Locale tag, e.g. id-ID.", rule: Checks.locale)

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
        ]
            + MessageKindRegistry.kinds.map { kind in
                FieldSchema(
                    kind.name,
                    .object(
                        ObjectSchema(
                            "\(kind.title) variants by locale.", fields: [],
                            additional: .object(kind.variantSchema),
                            keyRule: localeKey)))
            })

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
        var variants: [MessageKind: [String: TemplateVariant]] = [:]
        for definition in MessageKindRegistry.kinds {
            let kind = definition.kind
            guard let section = node.pair(definition.name) else { continue }
            sectionMarks[kind] = section.key.mark
            for pair in section.value.pairs ?? [] {
                guard let locale = pair.key.scalar?.value else { continue }
                let v = pair.value
                var parts: [TemplatePart] = []
                for source in definition.parts {
                    for part in source.nodes(in: v) {
                        used.formUnion(Self.lint(part, html: source.html, model: model, context: &context))
                        if let text = part.scalar?.value {
                            parts.append(TemplatePart(key: source.key, source: text, html: source.html))
                        }
                    }
                }
                var literals: [String: String] = [:]
                for key in definition.literals {
                    literals[key] = v.string(key)
                }
                let complete = definition.variantSchema.fields.allSatisfy {
                    !$0.required || v.string($0.name) != nil
                }
                guard complete else { continue }
                let variant = TemplateVariant(parts: parts, literals: literals)
                definition.check(variant, section: v, context: &context)
                variants[kind, default: [:]][locale] = variant
            }
        }
        self.variants = variants
        self.variables = used
        if variants.isEmpty && sectionMarks.isEmpty {
            let keys = MessageKindRegistry.kinds.map { "'\($0.name)'" }.joined(separator: ", ")
            context.error(node.mark, "template '\(name)' has no message content: add one of \(keys)")
        }
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
