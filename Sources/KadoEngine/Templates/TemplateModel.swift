/// The template variables one tenant's templates may use: ``TemplateVariables/root``, the
/// tenant's declared attributes (and the built-in `age` and `birthday`) under `user`, and
/// every trigger's values under `trigger` (which rules may use them is checked per rule).
package struct TemplateModel: Sendable {
    package var entries: [(String, TemplateVariables.Entry)]
    /// Any `user.NAME` resolves: the tenant's attributes are unknown because its file did not
    /// load (that file's errors are the ones to fix first).
    package var anyUserMember: Bool

    /// The model without declared attributes.
    package static let standard = TemplateModel(attributes: [])

    /// The model for a tenant with these declared `attributes` (nil: unknown); `faulty` names
    /// declared attributes with a mistake of their own, accepted here so that it is reported once.
    package init(attributes: [Attribute]?, faulty: Set<String> = []) {
        anyUserMember = attributes == nil
        var extra = (Attribute.templateBuiltIns + (attributes ?? [])).map { attribute in
            (
                attribute.name,
                TemplateVariables.Entry.value(
                    "The \(attribute.name) attribute (\(attribute.type.rawValue)) as issued, in the message's locale."
                )
            )
        }
        extra += faulty.sorted().map { ($0, TemplateVariables.Entry.value("A declared attribute.")) }
        entries = TemplateVariables.root.map { name, entry in
            guard name == "user", case .object(let description, let members) = entry else {
                return (name, entry)
            }
            return (name, .object(description, members + extra))
        }
        entries.append(
            (
                "trigger",
                .object(
                    "What the rule's trigger gives each message.",
                    TriggerRegistry.variables.map { ($0.name, .value($0.description)) })
            ))
    }

    /// Whether a dotted path (`user.tier`) names something in the model.
    package func resolves(_ path: [String]) -> Bool {
        if anyUserMember, path.count == 2, path.first == "user" { return true }
        return TemplateVariables.resolves(path, in: entries)
    }

    /// Every leaf path, for suggestions.
    package var allPaths: [String] {
        func walk(_ entries: [(String, TemplateVariables.Entry)], prefix: String) -> [String] {
            entries.flatMap { name, entry -> [String] in
                switch entry {
                case .value: return [prefix + name]
                case .object(_, let members): return walk(members, prefix: prefix + name + ".")
                }
            }
        }
        return walk(entries, prefix: "")
    }
}
