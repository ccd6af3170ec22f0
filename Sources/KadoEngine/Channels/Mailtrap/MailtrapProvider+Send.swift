import KadoCurl

extension MailtrapProvider {
    /// Posts the email to the send API with the bearer token and classifies the
    /// answer (see ``outcome(of:)``). Invalid addresses fail before any connection.
    package func send(_ message: OutgoingMessage, via transport: DeliveryTransport) async -> DeliveryResult {
        guard let email = message.content as? RenderedEmail else {
            return .failed(reason: Self.wrongKind(message))
        }
        let body: [UInt8]
        do {
            body = try Self.requestBody(email, to: message.recipient, recipientName: message.recipientName)
        } catch {
            return .failed(reason: "email not sent: \(error.message)")
        }
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: [("Authorization", authorization), ("Content-Type", "application/json")],
            body: body)
        do {
            return Self.outcome(of: try await transport.curl.perform(request))
        } catch {
            return .transportFailure(error, service: "Mailtrap API")
        }
    }
}
