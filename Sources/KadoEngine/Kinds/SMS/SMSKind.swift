import KadoYAML

/// SMS: one text to the recipient's phone number (E.164). `kado validate` warns when the
/// text alone, before its variables are filled in, takes more than one segment.
package enum SMSKind: MessageKindDefinition {
    package static let name = "sms"
    package static let title = "SMS"
    package static let contentType: any MessageContent.Type = RenderedSMS.self
    package static let address = AddressRole.phone
    package static let parts: [TemplatePart.Source] = [.text("text")]

    package static let variantSchema = ObjectSchema(
        "An SMS in one locale (Mustache).",
        fields: [
            FieldSchema(
                "text",
                .string(
                    StringSchema(
                        "The message (Mustache). One segment holds 160 GSM-7 characters, or 70 when any character is outside the GSM alphabet (an emoji, most non-Latin scripts); longer texts are sent as several segments, each billed."
                    )),
                required: true)
        ])

    package static func check(_ variant: TemplateVariant, section: YAMLNode, context: inout ConfigContext) {
        guard let node = section["text"] else { return }
        let text = variant.source("text")
        if text.allSatisfy(\.isWhitespace) {
            context.error(node.mark, "the SMS text is empty")
            return
        }
        let fixed = SMSSegments(withoutTags(text))
        if fixed.count > 1 {
            context.warning(
                node.mark,
                "the SMS text takes \(fixed) before its variables are filled in: more than one segment (one holds \(SMSSegments.singleLimit(fixed.encoding)) \(fixed.encoding.rawValue) characters), each billed"
            )
        }
    }

    package static func content(
        _ variant: TemplateVariant, rendered: [String], channel: ChannelConfig, unsubscribeURL: String?
    ) -> any MessageContent {
        RenderedSMS(text: gsmLookalikes(rendered.first ?? ""))
    }

    /// `text` with characters that look like GSM-7 ones replaced by them (no-break and
    /// narrow spaces, as number and currency formats write them; curly quotes; dashes; the
    /// ellipsis), as SMS gateways' "smart encoding" does: otherwise one `€ 20` turns the
    /// whole message into UCS-2, halving what a segment holds.
    static func gsmLookalikes(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { lookalikes[$0] != nil }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let replacement = lookalikes[scalar] {
                out.append(contentsOf: replacement.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static let lookalikes: [Unicode.Scalar: String] = [
        "\u{00A0}": " ", "\u{2007}": " ", "\u{2009}": " ", "\u{202F}": " ", "\u{2018}": "'", "\u{2019}": "'",
        "\u{201C}": "\"", "\u{201D}": "\"", "\u{2013}": "-", "\u{2014}": "-", "\u{2026}": "...",
    ]

    /// `source` without its Mustache tags: the text every message has at least.
    static func withoutTags(_ source: String) -> String {
        var result = ""
        var rest = Substring(source)
        while let open = rest.firstRange(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { return result }
            rest = rest[close.upperBound...]
            if rest.hasPrefix("}") { rest = rest.dropFirst() }
        }
        return result + rest
    }
}

extension MessageKind {
    package static let sms = MessageKind(SMSKind.self)
}
