import Foundation

extension FileProvider {
    /// Writes the message as a file: an email as the exact MIME bytes SMTP would
    /// send (`.eml`), a WhatsApp message as the exact JSON body the Cloud API would
    /// get (`.json`). The provider message id is the file's path. Invalid
    /// addresses or numbers fail; file system errors are retried.
    package func send(_ message: OutgoingMessage, via transport: DeliveryTransport) async -> DeliveryResult {
        let bytes: [UInt8]
        switch message.content {
        case .email(let email):
            do {
                bytes = try MIMEMessage(for: message, email: email, date: Date()).bytes
            } catch {
                return .failed(reason: "email not written: \(error.message)")
            }
        case .whatsapp(let whatsapp):
            guard let digits = WhatsAppCloudProvider.phoneDigits(message.recipient) else {
                return .failed(reason: WhatsAppCloudProvider.invalidRecipientReason(message.recipient))
            }
            bytes = WhatsAppCloudProvider.requestBody(toDigits: digits, whatsapp)
        }
        let path = path(for: message)
        do {
            try await Self.writeAtomically(bytes, to: path)
        } catch {
            return .retry(after: nil, reason: "could not write \(path): \(error.localizedDescription)")
        }
        return .sent(providerMessageID: path)
    }
}
