/// Email: a subject, an HTML body and a text body, to the recipient's email address, sent
/// as one MIME message (`.eml` in the file outbox).
package enum EmailKind: MessageKindDefinition {
    package static let name = "email"
    package static let title = "Email"
    package static let contentType: any MessageContent.Type = RenderedEmail.self
    package static let address = AddressRole.email
    package static let parts: [TemplatePart.Source] = [
        .text("subject"), .text("html", html: true), .text("text"),
    ]

    package static let variantSchema = ObjectSchema(
        "An email in one locale (Mustache).",
        fields: [
            FieldSchema("subject", .string(StringSchema("Subject line.")), required: true),
            FieldSchema(
                "html", .string(StringSchema("HTML body; variables are HTML-escaped.")), required: true),
            FieldSchema("text", .string(StringSchema("Plain-text body.")), required: true),
        ])

    package static func content(
        _ variant: TemplateVariant, rendered: [String], channel: ChannelConfig, unsubscribeURL: String?
    ) -> any MessageContent {
        var email = RenderedEmail(
            from: channel.sender ?? "", subject: singleLine(rendered[0]), html: rendered[1],
            text: rendered[2],
            unsubscribeURL: unsubscribeURL)
        email.parsedSender = channel.senderAddress
        return email
    }

    /// A subject on one line: its line breaks become spaces.
    static func singleLine(_ subject: String) -> String {
        let breaks = subject.utf8.contains {
            $0 >= 0x0A && $0 <= 0x0D || $0 == 0x85 || $0 == 0xA8 || $0 == 0xA9
        }
        guard breaks else { return subject }
        return subject.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension MessageKind {
    package static let email = MessageKind(EmailKind.self)
}
