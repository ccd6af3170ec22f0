import Foundation

/// An email after rendering: sender, subject and both bodies.
package struct RenderedEmail: MessageContent {
    /// `Name <address>` or a bare address, from the channel's `sender`.
    package var from: String {
        didSet { parsedSender = nil }
    }
    package var subject: String
    package var html: String
    package var text: String
    /// The recipient's one-click unsubscribe link (RFC 8058): sent as `List-Unsubscribe`
    /// with `List-Unsubscribe-Post`; nil when the tenant has none.
    package var unsubscribeURL: String?
    /// `from` as the channel's configuration already parsed it (``ChannelConfig/senderAddress``),
    /// so that the MIME builder does not parse it again for every message; nil (and after
    /// `from` changes): parsed when the message is built.
    var parsedSender: MailAddress?

    package init(from: String, subject: String, html: String, text: String, unsubscribeURL: String? = nil) {
        self.from = from
        self.subject = subject
        self.html = html
        self.text = text
        self.unsubscribeURL = unsubscribeURL
    }

    /// The checked sender: ``parsedSender``, else `from` parsed.
    func senderAddress() throws(MIMEError) -> MailAddress {
        if let parsedSender { return parsedSender }
        return try MailAddress(parsing: from)
    }

    // Equality and hashing leave out `parsedSender`, which only caches what `from` says.
    package static func == (lhs: RenderedEmail, rhs: RenderedEmail) -> Bool {
        lhs.from == rhs.from && lhs.subject == rhs.subject && lhs.html == rhs.html && lhs.text == rhs.text
            && lhs.unsubscribeURL == rhs.unsubscribeURL
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(from)
        hasher.combine(subject)
        hasher.combine(html)
        hasher.combine(text)
        hasher.combine(unsubscribeURL)
    }
}

extension RenderedEmail {
    package static var kind: MessageKind { EmailKind.kind }
    package static let fileExtension = "eml"
    package static let fileMediaType = "message/rfc822"

    package func readable(for message: OutgoingMessage) -> String {
        let to = message.recipientName.map { "\($0) <\(message.recipient)>" } ?? message.recipient
        return "From: \(from)\nTo: \(to)\nSubject: \(subject)\n\n\(text)"
    }

    /// The MIME message exactly as the SMTP provider sends it.
    package func fileBytes(for message: OutgoingMessage, date: Date) -> Result<[UInt8], MessageFileError> {
        do {
            return .success(try MIMEMessage(for: message, email: self, date: date).bytes)
        } catch {
            return .failure(MessageFileError("email not built: \(error.message)"))
        }
    }

    package var eventFields: [(String, JSONValue)] {
        [
            ("from", .string(from)), ("subject", .string(subject)), ("html", .string(html)),
            ("text", .string(text)),
        ]
    }
}
