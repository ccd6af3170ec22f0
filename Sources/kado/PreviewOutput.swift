import Foundation
import KadoEngine

/// The bytes `kado preview` prints for each format.
enum PreviewOutput {
    static func render(_ message: OutgoingMessage, format: PreviewCommand.Format) throws -> Data {
        switch (message.content, format) {
        case (.email(let e), .text):
            let to = message.recipientName.map { "\($0) <\(message.recipient)>" } ?? message.recipient
            return Data("From: \(e.from)\nTo: \(to)\nSubject: \(e.subject)\n\n\(e.text)".utf8)
        case (.email(let e), .html):
            return Data(e.html.utf8)
        case (.email, .eml):
            do {
                return Data(try ChannelPayloads.eml(for: message, date: Date()))
            } catch {
                throw CLIError("cannot build the email: \(error)")
            }
        case (.email, .json), (.whatsapp, .json):
            return Data((ChannelPayloads.json(for: message) + "\n").utf8)
        case (.whatsapp(let w), .text):
            return Data(w.text.utf8)
        case (.whatsapp, .html), (.whatsapp, .eml):
            throw CLIError("--format \(format.rawValue) is for email; use text or json for WhatsApp")
        }
    }
}
