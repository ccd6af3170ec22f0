import Foundation

/// The RFC 5322 bytes of one email: `multipart/alternative` with a text/plain and a
/// text/html part (UTF-8, quoted-printable), CRLF line ends throughout.
///
/// The SMTP and file providers both build messages here, so an `.eml` in the file
/// outbox is byte for byte what SMTP would send for the same `Date` and Message-ID.
/// The output depends only on the inputs: the multipart boundary is `=_kado_` and a
/// digest of the Message-ID. Quoted-printable never produces `=_`, so the boundary
/// cannot occur in a part and nothing needs to be searched.
///
/// No value from user data can add a header line: display names and subjects lose
/// their control characters and are quoted or RFC 2047-encoded, and addresses are
/// checked by ``MailAddress`` before anything is built.
package struct MIMEMessage: Sendable, Hashable {
    /// The checked sender: its address is the envelope `MAIL FROM`.
    package let sender: MailAddress
    /// The checked recipient: its address is the envelope `RCPT TO`.
    package let recipient: MailAddress
    /// The `Message-ID` value with its angle brackets, e.g. `<kado.acme.42.1f2e@shop.example>`.
    package let messageID: String
    /// The complete message: header fields, blank line, body.
    package let bytes: [UInt8]

    /// Builds the message of `email` for one recipient.
    ///
    /// - Parameters:
    ///   - email: sender (`Name <address>` or a bare address), subject and bodies.
    ///   - recipient: the recipient's bare address.
    ///   - recipientName: the recipient's display name, if any.
    ///   - date: the `Date` header (to the second, written in UTC).
    ///   - messageID: `<local@domain>`, e.g. from ``messageID(tenantID:outboxID:channel:recipient:senderDomain:)``.
    /// - Throws: ``MIMEError`` when the sender or recipient address or the Message-ID is invalid.
    package init(
        _ email: RenderedEmail, to recipient: String, recipientName: String?, date: Date, messageID: String
    ) throws(MIMEError) {
        try self.init(
            email, sender: try email.senderAddress(), to: recipient, recipientName: recipientName, date: date,
            messageID: messageID)
    }

    /// Builds the message of an outbox row, with the deterministic Message-ID of
    /// ``messageID(tenantID:outboxID:channel:recipient:senderDomain:)``, so that a
    /// message sent again after a crash carries the same Message-ID.
    package init(for message: OutgoingMessage, email: RenderedEmail, date: Date) throws(MIMEError) {
        let sender = try email.senderAddress()
        let id = Self.messageID(
            tenantID: message.tenantID, outboxID: message.id, channel: message.channel,
            recipient: message.recipient, senderDomain: sender.domain)
        try self.init(
            email, sender: sender, to: message.recipient, recipientName: message.recipientName, date: date,
            messageID: id)
    }

    private init(
        _ email: RenderedEmail, sender: MailAddress, to recipient: String, recipientName: String?, date: Date,
        messageID: String
    ) throws(MIMEError) {
        self.sender = sender
        self.recipient = try MailAddress(address: recipient, displayName: recipientName)
        guard Self.isValidMessageID(messageID) else {
            throw MIMEError(
                "invalid Message-ID '\(MessageText.printable(messageID))': expected <local@domain>")
        }
        self.messageID = messageID
        bytes = Self.render(
            email, sender: sender, recipient: self.recipient, date: date, messageID: messageID)
    }

    /// The bytes of ``init(_:to:recipientName:date:messageID:)``.
    package static func build(
        _ email: RenderedEmail, to recipient: String, recipientName: String?, date: Date, messageID: String
    ) throws(MIMEError) -> [UInt8] {
        try MIMEMessage(email, to: recipient, recipientName: recipientName, date: date, messageID: messageID)
            .bytes
    }

    /// Header fields and both parts, written into one buffer.
    private static func render(
        _ email: RenderedEmail, sender: MailAddress, recipient: MailAddress, date: Date, messageID: String
    ) -> [UInt8] {
        let boundary = boundary(messageID: messageID)
        var out = MIMEBytes(capacity: 640 + (email.text.utf8.count + email.html.utf8.count) * 9 / 8)
        out.line(MIMEHeader.mailbox("From", sender))
        out.line(MIMEHeader.mailbox("To", recipient))
        out.line(MIMEHeader.unstructured("Subject", email.subject))
        out.line("Date: ", RFC5322Date.format(date))
        out.line("Message-ID: ", messageID)
        for field in MIMEHeader.listUnsubscribe(email.unsubscribeURL) { out.line(field) }
        out.line("MIME-Version: 1.0")
        out.line("Content-Type: multipart/alternative;\r\n boundary=\"", boundary, "\"")
        out.line("")
        for (type, body) in [("plain", email.text), ("html", email.html)] {
            out.line("--", boundary)
            out.line("Content-Type: text/", type, "; charset=UTF-8")
            out.line("Content-Transfer-Encoding: quoted-printable")
            out.line("")
            out.quotedPrintable(body)
            out.line("")
        }
        out.line("--", boundary, "--")
        return out.bytes
    }

    /// `=_kado_` and 16 hex digits of the Message-ID's FNV-1a hash: the same for the same
    /// message, different between messages, and never inside a quoted-printable part.
    static func boundary(messageID: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in messageID.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return "=_kado_" + Hex.string(withUnsafeBytes(of: hash.bigEndian) { Array($0) })
    }

    /// `<local@domain>` with visible ASCII only and no specials that would end the field.
    static func isValidMessageID(_ id: String) -> Bool {
        let bytes = id.utf8
        guard bytes.count > 2, bytes.first == UInt8(ascii: "<"), bytes.last == UInt8(ascii: ">") else {
            return false
        }
        let inner = bytes.dropFirst().dropLast()
        var ats = 0
        for byte in inner {
            guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "<"), byte != UInt8(ascii: ">") else {
                return false
            }
            if byte == UInt8(ascii: "@") { ats += 1 }
        }
        return ats == 1 && inner.first != UInt8(ascii: "@") && inner.last != UInt8(ascii: "@")
    }
}
