import Foundation
import KadoCurl

extension SMTPProvider {
    /// Builds the MIME message (checking both addresses before connecting) and hands
    /// it to the SMTP server. The provider message id is the Message-ID, which stays
    /// the same when the outbox row is sent again.
    package func send(_ message: OutgoingMessage, via transport: DeliveryTransport) async -> DeliveryResult {
        guard let email = message.content as? RenderedEmail else {
            return .failed(reason: Self.wrongKind(message))
        }
        let mime: MIMEMessage
        do {
            mime = try MIMEMessage(for: message, email: email, date: Date())
        } catch {
            return .failed(reason: "email not sent: \(error.message)")
        }
        do {
            _ = try await transport.smtp.send(smtpRequest(for: mime))
        } catch {
            return Self.outcome(of: error)
        }
        return .sent(providerMessageID: mime.messageID)
    }
}
