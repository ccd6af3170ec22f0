extension MIMEMessage {
    /// The deterministic Message-ID of an outbox row:
    /// `<kado.{tenant}.{outbox id}.{token}@{sender domain}>`, where the token is the
    /// start of a SHA-256 of tenant, outbox id, channel and recipient. Sending the same
    /// row again gives the same id, so receivers and mail logs can spot duplicates.
    package static func messageID(
        tenantID: String, outboxID: Int64, channel: String, recipient: String, senderDomain: String
    ) -> String {
        let seed = ["kado-message-id", tenantID, String(outboxID), channel, recipient].joined(separator: "\n")
        let token = Hex.sha256(seed).prefix(16)
        return "<kado.\(atom(tenantID)).\(outboxID).\(token)@\(atom(senderDomain, dots: true))>"
    }

    /// A Message-ID of the same shape with a random token, for messages that are not
    /// outbox rows (previews, one-off tests).
    package static func randomMessageID(tenantID: String, outboxID: Int64, senderDomain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "<kado.\(atom(tenantID)).\(outboxID).\(Hex.string(token))@\(atom(senderDomain, dots: true))>"
    }

    /// `text` reduced to letters, digits, `-`, `_` (and `.` with `dots`); anything else
    /// becomes `-`, so it is a safe piece of a Message-ID.
    static func atom(_ text: String, dots: Bool = false) -> String {
        let plain =
            !text.isEmpty
            && text.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                    || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
                    || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: "_") || (dots && $0 == UInt8(ascii: "."))
            }
        if plain { return text }
        let cleaned = String(
            text.map { character -> Character in
                let allowed = character.isLetter || character.isNumber || character == "-" || character == "_"
                return character.isASCII && (allowed || (dots && character == ".")) ? character : "-"
            })
        return cleaned.isEmpty ? "-" : cleaned
    }
}
