extension WebhookProvider {
    /// The JSON event for one message:
    /// `{"id","tenant","channel","kind","recipient","recipient_name","locale",
    /// "email":{"from","subject","html","text"} | "whatsapp":{"template","language","parameters","text"}}`
    /// (`recipient_name` is null when unknown).
    package static func eventBody(_ message: OutgoingMessage) -> [UInt8] {
        var fields: [(String, JSONValue)] = [
            ("id", .int(Int(message.id))),
            ("tenant", .string(message.tenantID)),
            ("channel", .string(message.channel)),
            ("kind", .string(message.kind.rawValue)),
            ("recipient", .string(message.recipient)),
            ("recipient_name", message.recipientName.map(JSONValue.string) ?? .null),
            ("locale", .string(message.locale)),
        ]
        switch message.content {
        case .email(let email):
            fields.append(
                (
                    "email",
                    .object([
                        ("from", .string(email.from)),
                        ("subject", .string(email.subject)),
                        ("html", .string(email.html)),
                        ("text", .string(email.text)),
                    ])
                ))
        case .whatsapp(let whatsapp):
            fields.append(
                (
                    "whatsapp",
                    .object([
                        ("template", .string(whatsapp.templateName)),
                        ("language", .string(whatsapp.language)),
                        ("parameters", .array(whatsapp.parameters.map(JSONValue.string))),
                        ("text", .string(whatsapp.text)),
                    ])
                ))
        }
        return Array(JSONValue.object(fields).rendered(indent: 0).utf8)
    }
}
