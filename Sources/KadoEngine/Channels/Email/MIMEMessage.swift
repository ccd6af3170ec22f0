import Foundation

/// The RFC 5322 bytes of one email: `multipart/alternative` with a text/plain and a
/// text/html part (UTF-8, quoted-printable), CRLF line ends throughout.
///
/// The SMTP and file providers both build messages here, so an `.eml` in the file
/// outbox is byte for byte what SMTP would send for the same `Date` and Message-ID.
/// The output depends only on the inputs: the multipart boundary is derived from the
/// Message-ID and the bodies (it starts with `=_`, which quoted-printable never
/// produces, so it cannot occur in a part).
///
/// No value from user data can add a header line: display names and subjects lose
/// their control characters and are quoted or RFC 2047-encoded, and addresses are
/// checked by ``MailAddress`` before anything is built.
public struct MIMEMessage: Sendable, Hashable {
    /// The checked sender: its address is the envelope `MAIL FROM`.
    public let sender: MailAddress
    /// The checked recipient: its address is the envelope `RCPT TO`.
    public let recipient: MailAddress
    /// The `Message-ID` value with its angle brackets, e.g. `<kado.acme.42.1f2e@shop.example>`.
    public let messageID: String
    /// The complete message: header fields, blank line, body.
    public let bytes: [UInt8]

    /// Builds the message of `email` for one recipient.
    ///
    /// - Parameters:
    ///   - email: sender (`Name <address>` or a bare address), subject and bodies.
    ///   - recipient: the recipient's bare address.
    ///   - recipientName: the recipient's display name, if any.
    ///   - date: the `Date` header (to the second, written in UTC).
    ///   - messageID: `<local@domain>`, e.g. from ``messageID(tenantID:outboxID:channel:recipient:senderDomain:)``.
    /// - Throws: ``MIMEError`` when the sender or recipient address or the Message-ID is invalid.
    public init(
        _ email: RenderedEmail, to recipient: String, recipientName: String?, date: Date, messageID: String
    ) throws(MIMEError) {
        sender = try MailAddress(parsing: email.from)
        self.recipient = try MailAddress(address: recipient, displayName: recipientName)
        guard Self.isValidMessageID(messageID) else {
            throw MIMEError(
                "invalid Message-ID '\(MessageText.printable(messageID))': expected <local@domain>")
        }
        self.messageID = messageID
        bytes = Self.render(
            email, sender: sender, recipient: self.recipient, date: date, messageID: messageID)
    }

    /// Builds the message of an outbox row, with the deterministic Message-ID of
    /// ``messageID(tenantID:outboxID:channel:recipient:senderDomain:)``, so that a
    /// message sent again after a crash carries the same Message-ID.
    public init(for message: OutgoingMessage, email: RenderedEmail, date: Date) throws(MIMEError) {
        let sender = try MailAddress(parsing: email.from)
        let id = Self.messageID(
            tenantID: message.tenantID, outboxID: message.id, channel: message.channel,
            recipient: message.recipient, senderDomain: sender.domain)
        try self.init(
            email, to: message.recipient, recipientName: message.recipientName, date: date, messageID: id)
    }

    /// The bytes of ``init(_:to:recipientName:date:messageID:)``.
    public static func build(
        _ email: RenderedEmail, to recipient: String, recipientName: String?, date: Date, messageID: String
    ) throws(MIMEError) -> [UInt8] {
        try MIMEMessage(email, to: recipient, recipientName: recipientName, date: date, messageID: messageID)
            .bytes
    }

    /// Header fields and both parts.
    private static func render(
        _ email: RenderedEmail, sender: MailAddress, recipient: MailAddress, date: Date, messageID: String
    ) -> [UInt8] {
        let text = QuotedPrintable.encode(email.text)
        let html = QuotedPrintable.encode(email.html)
        let boundary = boundary(messageID: messageID, parts: [text, html])
        let lines =
            [
                MIMEHeader.mailbox("From", sender),
                MIMEHeader.mailbox("To", recipient),
                MIMEHeader.unstructured("Subject", email.subject),
                "Date: " + RFC5322Date.format(date),
                "Message-ID: " + messageID,
            ] + MIMEHeader.listUnsubscribe(email.unsubscribeURL) + [
                "MIME-Version: 1.0",
                "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"",
                "",
                "--" + boundary,
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                text,
                "--" + boundary,
                "Content-Type: text/html; charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                html,
                "--" + boundary + "--",
                "",
            ]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// `=_kado_` and 32 hex digits derived from the Message-ID and the encoded parts;
    /// the counter only moves if a part happened to contain the candidate.
    static func boundary(messageID: String, parts: [String]) -> String {
        var counter = 0
        while true {
            let seed = ([messageID, String(counter)] + parts).joined(separator: "\n")
            let candidate = "=_kado_" + Hex.sha256(seed).prefix(32)
            if !parts.contains(where: { $0.contains(candidate) }) {
                return candidate
            }
            counter += 1
        }
    }

    /// `<local@domain>` with visible ASCII only and no specials that would end the field.
    static func isValidMessageID(_ id: String) -> Bool {
        guard id.hasPrefix("<"), id.hasSuffix(">"), id.count > 2 else { return false }
        let inner = id.dropFirst().dropLast()
        return inner.utf8.allSatisfy {
            $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">")
        }
            && inner.split(separator: "@", omittingEmptySubsequences: false).count == 2
            && !inner.hasPrefix("@") && !inner.hasSuffix("@")
    }
}
