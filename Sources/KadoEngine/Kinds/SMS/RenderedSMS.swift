import Foundation

/// An SMS after rendering: its text, sent to the recipient's phone number in E.164.
package struct RenderedSMS: MessageContent {
    package var text: String

    package init(text: String) {
        self.text = text
    }

    /// The segments the text takes (what the carrier bills).
    package var segments: SMSSegments { SMSSegments(text) }

    package static var kind: MessageKind { SMSKind.kind }
    package static let fileExtension = "txt"
    package static let fileMediaType = "text/plain; charset=utf-8"

    package func readable(for message: OutgoingMessage) -> String { text }

    /// `To:` and `Segments:` lines, a blank line, then the text as sent.
    package func fileBytes(for message: OutgoingMessage, date: Date) -> Result<[UInt8], MessageFileError> {
        guard PhoneNumber.isE164(message.recipient) else {
            return .failure(
                MessageFileError(
                    "invalid SMS recipient '\(MessageText.printable(message.recipient))': expected a number in E.164 (+ and 8 to 15 digits)"
                ))
        }
        return .success(Array("To: \(message.recipient)\nSegments: \(segments)\n\n\(text)".utf8))
    }

    package var eventFields: [(String, JSONValue)] {
        let segments = segments
        return [
            ("text", .string(text)), ("segments", .int(segments.count)),
            ("encoding", .string(segments.encoding.rawValue)),
        ]
    }
}
