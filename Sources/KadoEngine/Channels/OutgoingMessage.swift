/// A rendered message, ready for a provider: exactly what is sent, and what
/// `kado preview` shows.
public struct OutgoingMessage: Sendable, Hashable {
    /// The outbox row id (0 in previews): providers use it as an idempotency key.
    public var id: Int64
    public var tenantID: String
    public var channel: String
    /// Email address or phone number.
    public var recipient: String
    public var recipientName: String?
    public var locale: String
    public var content: Content

    /// The message body in the shape of its kind.
    public enum Content: Sendable, Hashable {
        case email(RenderedEmail)
        case whatsapp(RenderedWhatsApp)
    }

    public init(
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

    public var kind: MessageKind {
        switch content {
        case .email: return .email
        case .whatsapp: return .whatsapp
        }
    }
}

/// An email after rendering: sender, subject and both bodies.
public struct RenderedEmail: Sendable, Hashable {
    /// `Name <address>` or a bare address, from the channel's `sender`.
    public var from: String {
        didSet { parsedSender = nil }
    }
    public var subject: String
    public var html: String
    public var text: String
    /// The recipient's one-click unsubscribe link (RFC 8058): sent as `List-Unsubscribe`
    /// with `List-Unsubscribe-Post`; nil when the tenant has none.
    public var unsubscribeURL: String?
    /// `from` as the channel's configuration already parsed it (``ChannelConfig/senderAddress``),
    /// so that the MIME builder does not parse it again for every message; nil (and after
    /// `from` changes): parsed when the message is built.
    var parsedSender: MailAddress?

    public init(from: String, subject: String, html: String, text: String, unsubscribeURL: String? = nil) {
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
    public static func == (lhs: RenderedEmail, rhs: RenderedEmail) -> Bool {
        lhs.from == rhs.from && lhs.subject == rhs.subject && lhs.html == rhs.html && lhs.text == rhs.text
            && lhs.unsubscribeURL == rhs.unsubscribeURL
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(from)
        hasher.combine(subject)
        hasher.combine(html)
        hasher.combine(text)
        hasher.combine(unsubscribeURL)
    }
}

/// A WhatsApp template message after rendering.
public struct RenderedWhatsApp: Sendable, Hashable {
    /// The provider-approved template name.
    public var templateName: String
    /// The approved template's language code (e.g. `id`, `en_US`).
    public var language: String
    /// Body parameters {{1}}, {{2}}, ... in order.
    public var parameters: [String]
    /// How the message reads, for preview and the file outbox.
    public var text: String

    public init(templateName: String, language: String, parameters: [String], text: String) {
        self.templateName = templateName
        self.language = language
        self.parameters = parameters
        self.text = text
    }
}
