import Foundation

extension WebhookProvider {
    /// The JSON event for one message:
    /// `{"id","tenant","channel","kind","recipient","recipient_name","locale",
    /// "email":{"from","subject","html","text"} | "whatsapp":{"template","language","parameters","text"}
    /// | "sms":{"text","segments","encoding"}}`
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
        fields.append((message.kind.rawValue, .object(message.content.eventFields)))
        return JSONValue.object(fields).renderedBytes()
    }

    /// The event's JSON body for `message` (signed when sent).
    package func payload(for message: OutgoingMessage, date: Date) -> Result<
        ProviderPayload, MessageFileError
    > {
        .success(.json(Self.eventBody(message)))
    }
}
