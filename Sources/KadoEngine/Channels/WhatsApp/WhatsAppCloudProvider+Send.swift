import Foundation
import KadoCurl

extension WhatsAppCloudProvider {
    /// Posts the template message to `{base_url}/{phone_number_id}/messages` and
    /// classifies the answer (see ``outcome(of:)``). An invalid phone number fails
    /// before any connection.
    package func send(_ message: OutgoingMessage, via transport: DeliveryTransport) async -> DeliveryResult {
        guard let whatsapp = message.content as? RenderedWhatsApp else {
            return .failed(reason: Self.wrongKind(message))
        }
        guard let digits = Self.phoneDigits(message.recipient) else {
            return .failed(reason: Self.invalidRecipientReason(message.recipient))
        }
        let request = HTTPRequest(
            method: "POST", url: messagesURL,
            headers: [("Authorization", authorization), ("Content-Type", "application/json")],
            body: Self.requestBody(toDigits: digits, whatsapp))
        do {
            return Self.outcome(of: try await transport.curl.perform(request))
        } catch {
            return .transportFailure(error, service: "WhatsApp Cloud API")
        }
    }

    /// `{base_url}/{phone_number_id}/messages`, the id percent-encoded.
    static func messagesURL(baseURL: String, phoneNumberID: String) -> String {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let id = phoneNumberID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? phoneNumberID
        return "\(base)/\(id)/messages"
    }
}
