import Foundation

/// The exact bytes providers send, built by the providers' own code, for
/// `kado preview`: the preview is what gets sent.
package enum ChannelPayloads {
    /// The email as the SMTP provider sends it (and the file provider stores it).
    package static func eml(for message: OutgoingMessage, date: Date) throws(MIMEError) -> [UInt8] {
        guard case .email(let email) = message.content else { return [] }
        return try MIMEMessage(for: message, email: email, date: date).bytes
    }

    /// The JSON a provider receives: the WhatsApp Cloud API request body for WhatsApp,
    /// the signed webhook event for email.
    package static func json(for message: OutgoingMessage) -> String {
        switch message.content {
        case .whatsapp(let whatsapp):
            let digits = WhatsAppCloudProvider.phoneDigits(message.recipient) ?? message.recipient
            return String(
                decoding: WhatsAppCloudProvider.requestBody(toDigits: digits, whatsapp), as: UTF8.self)
        case .email:
            return String(decoding: WebhookProvider.eventBody(message), as: UTF8.self)
        }
    }
}
