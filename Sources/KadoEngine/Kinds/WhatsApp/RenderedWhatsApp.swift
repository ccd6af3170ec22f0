import Foundation

/// A WhatsApp template message after rendering.
package struct RenderedWhatsApp: MessageContent {
    /// The provider-approved template name.
    package var templateName: String
    /// The approved template's language code (e.g. `id`, `en_US`).
    package var language: String
    /// Body parameters {{1}}, {{2}}, ... in order.
    package var parameters: [String]
    /// How the message reads, for preview and the file outbox.
    package var text: String

    package init(templateName: String, language: String, parameters: [String], text: String) {
        self.templateName = templateName
        self.language = language
        self.parameters = parameters
        self.text = text
    }
}

extension RenderedWhatsApp {
    package static var kind: MessageKind { WhatsAppKind.kind }
    package static let fileExtension = "json"
    package static let fileMediaType = "application/json"

    package func readable(for message: OutgoingMessage) -> String { text }

    /// The WhatsApp Cloud API request body exactly as the provider posts it.
    package func fileBytes(for message: OutgoingMessage, date: Date) -> Result<[UInt8], MessageFileError> {
        guard let digits = WhatsAppCloudProvider.phoneDigits(message.recipient) else {
            return .failure(MessageFileError(WhatsAppCloudProvider.invalidRecipientReason(message.recipient)))
        }
        return .success(WhatsAppCloudProvider.requestBody(toDigits: digits, self))
    }

    package var eventFields: [(String, JSONValue)] {
        [
            ("template", .string(templateName)), ("language", .string(language)),
            ("parameters", .array(parameters.map(JSONValue.string))), ("text", .string(text)),
        ]
    }
}
