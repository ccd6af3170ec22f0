import Foundation
import KadoEngine

/// One email as the customer gets it: the header fields the SMTP provider writes, the
/// HTML body in a sandboxed frame (no script in it can run, and it cannot reach the
/// studio page), the text part, and the exact bytes to download.
enum EmailView {
    static func render(
        _ message: OutgoingMessage, email: RenderedEmail, subject: Preview.Subject, links: MessageLinks
    ) -> HTML {
        let to = message.recipientName.map { "\($0) <\(message.recipient)>" } ?? message.recipient
        let messageID =
            (try? MIMEMessage(for: message, email: email, date: Date()).messageID) ?? "(cannot be built)"
        let idNote: HTML
        if case .issued(outboxRow: true) = subject.standing {
            idNote = "<span class=\"muted\">outbox row \(Int(message.id)), the same as sent</span>"
        } else {
            idNote =
                "<span class=\"muted\">of outbox row \(Int(message.id)): a real message gets its row when the occurrence is issued</span>"
        }
        return """
            <dl class="facts">
            <dt>From</dt><dd>\(email.from)</dd>
            <dt>To</dt><dd>\(to)</dd>
            <dt>Subject</dt><dd class="email-subject">\(email.subject)</dd>
            <dt>Message-ID</dt><dd><code>\(messageID)</code> \(idNote)</dd>
            </dl>
            <iframe class="email-frame" sandbox="" referrerpolicy="no-referrer" src="\(links.body)" \
            title="HTML body, \(message.locale), as the customer sees it"></iframe>
            <h4>Text part</h4>
            <pre class="textbody">\(email.text)</pre>
            <p class="downloads"><a href="\(links.body)">Open the HTML body on its own</a> \
            <a href="\(links.file)" download>Download .eml (as sent over SMTP)</a> \
            <a href="\(links.request)" download>Download what the channel's provider receives</a></p>
            """
    }
}
