/// A template's content for one kind in one locale, as written: its Mustache parts in the
/// kind's order (``MessageKindDefinition/parts``) and its literal values.
package struct TemplateVariant: Sendable, Hashable {
    package var parts: [TemplatePart]
    /// Keys copied as written (``MessageKindDefinition/literals``).
    package var literals: [String: String]

    package init(parts: [TemplatePart], literals: [String: String] = [:]) {
        self.parts = parts
        self.literals = literals
    }

    /// The sources of the parts under `key`, in order.
    package func sources(_ key: String) -> [String] {
        parts.filter { $0.key == key }.map(\.source)
    }

    /// The first source under `key` ("" when none).
    package func source(_ key: String) -> String {
        parts.first { $0.key == key }?.source ?? ""
    }
}
