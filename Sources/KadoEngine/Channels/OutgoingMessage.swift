/// A rendered message, ready for a provider: exactly what is sent, and what
/// `kado preview` shows.
package struct OutgoingMessage: Sendable, Hashable {
    /// The outbox row id (0 in previews): providers use it as an idempotency key.
    package var id: Int64
    package var tenantID: String
    package var channel: String
    /// Email address or phone number.
    package var recipient: String
    package var recipientName: String?
    package var locale: String
    package var content: Content

    /// The message body in the shape of its kind.
    package enum Content: Sendable, Hashable {
        case email(RenderedEmail)
        case whatsapp(RenderedWhatsApp)
    }

    package init(
        id: Int64, tenantID: String, channel: String, recipient: String, recipientName: String?,
        locale: String,
        content: Content
    ) {
        self.id = id
        self.tenantID = tenantID
        self.channel = channel
        self.recipient = recipient
        self.recipientName = recipientName
        self.locale = locale
        self.content = content
    }

    package var kind: MessageKind {
        switch content {
        case .email: return .email
        case .whatsapp: return .whatsapp
        }
    }
}

/// An email after rendering: sender, subject and both bodies.
package struct RenderedEmail: Sendable, Hashable {
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

/// A WhatsApp template message after rendering.
package struct RenderedWhatsApp: Sendable, Hashable {
    /// The provider-approved template name.
    package var templateName: String
    /// The approved template's language code (e.g. `id`, `en_US`).
    package var language: String
    /// Body parameters {{1}}, {{2}}, ... in order.
    package var parameters: [String]
    /// How the message reads, for preview and the file outbox.
    package var text: String

    package init(templateName: String, language: String, parameters: [String], text: String) {
        self.templateName = templateName
        self.language = language
        self.parameters = parameters
        self.text = text
    }
}
