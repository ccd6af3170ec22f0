/// WhatsApp: a provider-approved template (name and language) with body parameters, to
/// the recipient's phone number; its `text` is how the message reads, for previews.
package enum WhatsAppKind: MessageKindDefinition {
    package static let name = "whatsapp"
    package static let title = "WhatsApp"
    package static let contentType: any MessageContent.Type = RenderedWhatsApp.self
    package static let address = AddressRole.phone
    package static let parts: [TemplatePart.Source] = [.list("parameters"), .text("text")]
    package static let literals = ["name", "language"]

    package static let variantSchema = ObjectSchema(
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

    package static func content(
        _ variant: TemplateVariant, rendered: [String], channel: ChannelConfig, unsubscribeURL: String?
    ) -> any MessageContent {
        var parameters: [String] = []
        var text = ""
        for (part, value) in zip(variant.parts, rendered) {
            if part.key == "parameters" { parameters.append(value) } else { text = value }
        }
        return RenderedWhatsApp(
            templateName: variant.literals["name"] ?? "", language: variant.literals["language"] ?? "",
            parameters: parameters, text: text)
    }
}

extension MessageKind {
    package static let whatsapp = MessageKind(WhatsAppKind.self)
}
