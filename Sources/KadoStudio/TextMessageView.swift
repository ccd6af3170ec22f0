import KadoEngine

/// A message of a kind without a view of its own (SMS, and any kind added later): the
/// recipient, the text as it reads, the kind's own facts (an SMS's segments), and its files.
enum TextMessageView {
    static func render(_ message: OutgoingMessage, links: MessageLinks) -> HTML {
        let kind = message.kind.definition
        let facts = message.content.eventFields.compactMap { (key, value) -> HTML? in
            let shown: String
            switch value {
            case .string(let text) where key != "text": shown = text
            case .int(let number): shown = String(number)
            default: return nil
            }
            return "<dt>\(key.replacingOccurrences(of: "_", with: " "))</dt><dd>\(shown)</dd>"
        }
        return """
            <dl class="facts">
            <dt>To</dt><dd>\(message.recipientName.map { "\($0), " } ?? "")\(message.recipient)</dd>
            \(facts)
            </dl>
            <pre class="textbody" aria-label="\(kind.title) text, \(message.locale)">\(message.content.readable(for: message))</pre>
            <p class="downloads"><a href="\(links.file)" download>Download .\(kind.fileExtension) (as the file outbox writes it)</a> \
            <a href="\(links.request)" download>Download what the channel's provider receives</a></p>
            """
    }
}
