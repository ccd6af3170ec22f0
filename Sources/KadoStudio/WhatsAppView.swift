import KadoEngine

/// One WhatsApp message as a chat bubble, with the approved template's name, language
/// and parameters the Cloud API receives, and that request's JSON to download.
enum WhatsAppView {
    static func render(
        _ message: OutgoingMessage, whatsapp: RenderedWhatsApp, at time: LocalTime, links: MessageLinks
    )
        -> HTML
    {
        let parameters = whatsapp.parameters.map { p -> HTML in "<li>\(p)</li>" }
        return """
            <dl class="facts">
            <dt>To</dt><dd>\(message.recipientName.map { "\($0), " } ?? "")\(message.recipient)</dd>
            <dt>Template</dt><dd><code>\(whatsapp.templateName)</code>, language <code>\(whatsapp.language)</code></dd>
            </dl>
            <div class="chat" role="group" aria-label="WhatsApp chat, \(message.locale)">
            <div class="bubble"><span class="wa-text">\(whatsapp.text)</span><span class="meta">\(time.description)</span></div>
            </div>
            <h4>Template parameters</h4>
            <ol class="params">\(parameters)</ol>
            <p class="downloads"><a href="\(links.file)" download>Download .json (the WhatsApp Cloud API request)</a> \
            <a href="\(links.request)" download>Download what the channel's provider receives</a></p>
            """
    }
}
