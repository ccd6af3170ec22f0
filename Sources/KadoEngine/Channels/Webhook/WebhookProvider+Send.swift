import Foundation
import KadoCurl

extension WebhookProvider {
    /// Posts the signed JSON event (see ``eventBody(_:)`` and ``signature(secret:timestamp:body:)``)
    /// with `X-Kado-Event-Id: {tenant}-{id}` for deduplication, and classifies the
    /// answer (see ``outcome(of:)``).
    package func send(_ message: OutgoingMessage, via transport: DeliveryTransport) async -> DeliveryResult {
        let body = Self.eventBody(message)
        let timestamp = Int(Date().timeIntervalSince1970)
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: [
                ("Content-Type", "application/json"),
                ("X-Kado-Event-Id", "\(MessageText.singleLine(message.tenantID))-\(message.id)"),
                ("X-Kado-Timestamp", String(timestamp)),
                ("X-Kado-Signature", Self.signature(secret: secret, timestamp: timestamp, body: body)),
            ],
            body: body)
        do {
            return Self.outcome(of: try await transport.curl.perform(request))
        } catch {
            return .transportFailure(error, service: "webhook")
        }
    }
}
