/// The message kinds kado knows, by the name written as a channel's `kind:`.
package enum MessageKindRegistry {
    /// Register a new kind here: one line.
    package static let kinds: [any MessageKindDefinition.Type] = [
        EmailKind.self,
        WhatsAppKind.self,
        SMSKind.self,
    ]

    package static func definition(named name: String) -> (any MessageKindDefinition.Type)? {
        kinds.first { $0.name == name }
    }
}
