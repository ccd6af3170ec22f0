/// The shape of a message (email, whatsapp, sms): what a template provides, what a
/// provider accepts and which of the recipient's addresses it goes to. Everything about a
/// kind is in its ``MessageKindDefinition``; a new kind is one such type plus one line in
/// ``MessageKindRegistry``.
package struct MessageKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The name written as a channel's `kind:` and as a template's section key.
    package let rawValue: String
    /// Everything the engine needs to know about messages of this kind.
    package let definition: any MessageKindDefinition.Type

    /// The registered kind named `rawValue`; nil for any other name.
    package init?(rawValue: String) {
        guard let definition = MessageKindRegistry.definition(named: rawValue) else { return nil }
        self.init(definition)
    }

    /// The kind `definition` describes.
    package init(_ definition: any MessageKindDefinition.Type) {
        self.rawValue = definition.name
        self.definition = definition
    }

    /// Every registered kind, in registration order.
    package static var allCases: [MessageKind] { MessageKindRegistry.kinds.map(MessageKind.init) }

    /// Where messages of this kind go: the recipient's email address or phone number.
    package var address: AddressRole { definition.address }

    package var description: String { rawValue }

    package static func == (lhs: MessageKind, rhs: MessageKind) -> Bool { lhs.rawValue == rhs.rawValue }
    package func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
