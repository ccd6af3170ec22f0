/// A rendered message, ready for a provider: exactly what is sent, and what
/// `kado preview` shows.
package struct OutgoingMessage: Sendable, Hashable {
    /// The outbox row id (0 in previews): providers use it as an idempotency key.
    package var id: Int64
    package var tenantID: String
    package var channel: String
    /// Email address or phone number (E.164), as the kind's ``AddressRole`` says.
    package var recipient: String
    package var recipientName: String?
    package var locale: String
    /// The message body in the shape of its kind.
    package var content: any MessageContent

    package init(
        id: Int64, tenantID: String, channel: String, recipient: String, recipientName: String?,
        locale: String,
        content: any MessageContent
    ) {
        self.id = id
        self.tenantID = tenantID
        self.channel = channel
        self.recipient = recipient
        self.recipientName = recipientName
        self.locale = locale
        self.content = content
    }

    package var kind: MessageKind { type(of: content).kind }

    package static func == (lhs: OutgoingMessage, rhs: OutgoingMessage) -> Bool {
        lhs.id == rhs.id && lhs.tenantID == rhs.tenantID && lhs.channel == rhs.channel
            && lhs.recipient == rhs.recipient && lhs.recipientName == rhs.recipientName
            && lhs.locale == rhs.locale && AnyHashable(lhs.content) == AnyHashable(rhs.content)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(tenantID)
        hasher.combine(channel)
        hasher.combine(recipient)
        hasher.combine(recipientName)
        hasher.combine(locale)
        hasher.combine(AnyHashable(content))
    }
}
