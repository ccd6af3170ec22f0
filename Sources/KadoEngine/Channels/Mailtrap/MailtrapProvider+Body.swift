import Foundation

extension MailtrapProvider {
    /// The JSON body of the send API for one email:
    /// `{"from":{"email","name"},"to":[{"email","name"}],"subject","text","html","category":"kado"}`,
    /// names left out when there are none, and `"headers"` with the one-click unsubscribe
    /// fields when the email has a link (the same ones MIMEMessage writes). Addresses are
    /// checked first.
    static func requestBody(_ email: RenderedEmail, to recipient: String, recipientName: String?)
        throws(MIMEError)
        -> [UInt8]
    {
        let sender = try MailAddress(parsing: email.from)
        let receiver = try MailAddress(address: recipient, displayName: recipientName)
        var fields: [(String, JSONValue)] = [
            ("from", party(sender)),
            ("to", .array([party(receiver)])),
            ("subject", .string(MessageText.singleLine(email.subject))),
            ("text", .string(email.text)),
            ("html", .string(email.html)),
            ("category", .string("kado")),
        ]
        let unsubscribe = MIMEHeader.listUnsubscribe(email.unsubscribeURL).compactMap {
            line -> (String, JSONValue)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            return (String(line[..<colon]), .string(value))
        }
        if !unsubscribe.isEmpty { fields.append(("headers", .object(unsubscribe))) }
        let body = JSONValue.object(fields)
        return body.renderedBytes()
    }

    private static func party(_ mailbox: MailAddress) -> JSONValue {
        var fields: [(String, JSONValue)] = [("email", .string(mailbox.address))]
        if let name = mailbox.displayName {
            fields.append(("name", .string(name)))
        }
        return .object(fields)
    }

    /// The send API's JSON body for `message`.
    package func payload(for message: OutgoingMessage, date: Date) -> Result<
        ProviderPayload, MessageFileError
    > {
        guard let email = message.content as? RenderedEmail else {
            return .failure(MessageFileError(Self.wrongKind(message)))
        }
        do {
            return .success(
                .json(
                    try Self.requestBody(email, to: message.recipient, recipientName: message.recipientName)))
        } catch {
            return .failure(MessageFileError("email not built: \(error.message)"))
        }
    }
}
