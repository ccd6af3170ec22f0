import Foundation

extension WhatsAppCloudProvider {
    /// The digits the Cloud API expects in `to`: an international number with or
    /// without `+`, spaces, dashes, dots or parentheses, 6 to 15 digits. Nil when
    /// `recipient` is not such a number.
    package static func phoneDigits(_ recipient: String) -> String? {
        // `+` and digits (E.164, as the outbox holds it): the digits, without a walk by characters.
        let utf8 = recipient.utf8
        let digitBytes = utf8.first == UInt8(ascii: "+") ? utf8.dropFirst() : utf8[...]
        if digitBytes.allSatisfy({ (0x30...0x39).contains($0) }) {
            return (6...15).contains(digitBytes.count) ? String(Substring(digitBytes)) : nil
        }
        let trimmed = MessageText.trimmingSpaces(recipient)
        let body = trimmed.hasPrefix("+") ? trimmed.dropFirst() : Substring(trimmed)
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || " -.()".contains($0)) }) else { return nil }
        let digits = body.filter(\.isNumber)
        return (6...15).contains(digits.count) ? String(digits) : nil
    }

    /// The reason given when ``phoneDigits(_:)`` rejects a recipient.
    static func invalidRecipientReason(_ recipient: String) -> String {
        "invalid WhatsApp recipient '\(MessageText.printable(recipient))': "
            + "expected an international phone number with 6 to 15 digits"
    }

    /// The JSON body of `POST /{phone_number_id}/messages` for a template message to
    /// `digits` (see ``phoneDigits(_:)``); `components` is left out when the
    /// template has no parameters. The file provider writes exactly these bytes.
    ///
    /// Written straight into one buffer, the fixed parts as they are and the values quoted
    /// by ``JSONValue/writeQuoted(_:into:)``: the same bytes as the ``JSONValue`` of this
    /// shape rendered compact (a test holds the two together), without building that tree
    /// for every message.
    package static func requestBody(toDigits digits: String, _ message: RenderedWhatsApp) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(
            192 + digits.utf8.count + message.templateName.utf8.count
                + message.parameters.reduce(0) { $0 + $1.utf8.count + 32 })
        out += #"{"messaging_product":"whatsapp","recipient_type":"individual","to":"#.utf8
        JSONValue.writeQuoted(digits, into: &out)
        out += #","type":"template","template":{"name":"#.utf8
        JSONValue.writeQuoted(message.templateName, into: &out)
        out += #","language":{"code":"#.utf8
        JSONValue.writeQuoted(message.language, into: &out)
        out.append(UInt8(ascii: "}"))
        if !message.parameters.isEmpty {
            out += #","components":[{"type":"body","parameters":["#.utf8
            for (index, parameter) in message.parameters.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += #"{"type":"text","text":"#.utf8
                JSONValue.writeQuoted(parameter, into: &out)
                out.append(UInt8(ascii: "}"))
            }
            out += "]}]".utf8
        }
        out += "}}".utf8
        return out
    }

    /// The Cloud API's JSON body for `message`.
    package func payload(for message: OutgoingMessage, date: Date) -> Result<
        ProviderPayload, MessageFileError
    > {
        guard let whatsapp = message.content as? RenderedWhatsApp else {
            return .failure(MessageFileError(Self.wrongKind(message)))
        }
        guard let digits = Self.phoneDigits(message.recipient) else {
            return .failure(MessageFileError(Self.invalidRecipientReason(message.recipient)))
        }
        return .success(.json(Self.requestBody(toDigits: digits, whatsapp)))
    }
}
