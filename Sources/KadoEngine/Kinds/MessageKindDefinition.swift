import Foundation
import KadoYAML

/// Everything about one kind of message, in one place: its name, the recipient address it
/// goes to, its template section (schema, the Mustache parts it renders, extra checks),
/// how rendered parts become the provider's input, and (through its ``contentType``) how it
/// reads, its file in the file outbox and its webhook fields. The engine handles every kind through
/// this protocol; a new kind is one conforming type, its content type, and one line in
/// ``MessageKindRegistry``.
package protocol MessageKindDefinition: Sendable {
    /// The name written as a channel's `kind:` and as the template section's key.
    static var name: String { get }
    /// How people write it: "Email", "WhatsApp", "SMS".
    static var title: String { get }
    /// The rendered message's type (its file in the file outbox, its webhook fields).
    static var contentType: any MessageContent.Type { get }
    /// Which of the recipient's addresses messages of this kind go to.
    static var address: AddressRole { get }
    /// One locale's template section.
    static var variantSchema: ObjectSchema { get }
    /// The section's Mustache parts, in the order ``content(_:rendered:channel:unsubscribeURL:)``
    /// receives them rendered.
    static var parts: [TemplatePart.Source] { get }
    /// The section's keys copied as written (not Mustache), e.g. an approved template's name.
    static var literals: [String] { get }
    /// Further checks of one locale's variant (warnings included), at their places in `section`.
    static func check(_ variant: TemplateVariant, section: YAMLNode, context: inout ConfigContext)
    /// The message built from the variant's rendered parts (`rendered[i]` is `variant.parts[i]`).
    static func content(
        _ variant: TemplateVariant, rendered: [String], channel: ChannelConfig, unsubscribeURL: String?
    ) -> any MessageContent
}

extension MessageKindDefinition {
    package static var literals: [String] { [] }
    package static func check(_ variant: TemplateVariant, section: YAMLNode, context: inout ConfigContext) {}
    /// The file outbox's extension for messages of this kind.
    package static var fileExtension: String { contentType.fileExtension }
    /// This definition's kind.
    package static var kind: MessageKind { MessageKind(self) }
}
