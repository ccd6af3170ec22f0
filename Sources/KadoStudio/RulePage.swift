import Foundation
import KadoEngine

/// `/tenants/{tenant}/rules/{rule}`: every message of the rule, per notification and
/// per locale of its template, for a sample customer or a real user, beside the
/// rule's facts and the problems of the tree.
struct RulePage {
    var snapshot: StudioSnapshot
    var tenant: Configuration.Tenant
    var rule: RuleConfig
    var query: SubjectQuery
    var messages: RuleMessages
    var audience: HTML
    var hasDatabase: Bool
    var now: Date

    func render() -> HTML {
        let t = tenant.config
        let problems: HTML =
            query.problems.isEmpty
            ? .empty
            : "<div class=\"banner bad\" role=\"alert\"><p>\(query.problems.joined(separator: "; ")); showing the defaults instead.</p></div>"
        let body: HTML = """
            <h1>\(rule.name) <span class="muted"><code>\(rule.id)</code></span> \(RuleState.badge(rule: rule, tenant: tenant, snapshot: snapshot))</h1>
            <p class="muted">\(t.name) (<code>\(t.id)</code>) · <code>\(rule.file)</code></p>
            \(StatusBanner.render(snapshot))
            \(problems)
            <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title">What it does</h2>
            \(RuleFacts.render(rule: rule, tenant: tenant, now: now, audience: audience))
            </section>
            \(SubjectView.forms(tenant: tenant, rule: rule, query: query, date: messages.date, hasDatabase: hasDatabase))
            \(standing)
            \(messages.channels.map(channelSection))
            \(DiagnosticsView.render(snapshot.diagnostics))
            """
        return PageLayout(
            title: "\(rule.name) (\(t.name))",
            crumbs: [
                .init(title: "Campaigns", href: "/"), .init(title: t.name, href: "/#tenant-\(t.id)"),
                .init(title: rule.name, href: nil),
            ],
            generation: snapshot.generation
        ).render(body)
    }

    private var standing: HTML {
        for channel in messages.channels {
            if case .success(let subject) = channel.subject {
                return SubjectView.standing(subject, date: messages.date)
            }
        }
        if let failure = messages.channels.compactMap({ c -> StudioFailure? in
            if case .failure(let f) = c.subject { return f }
            return nil
        }).first {
            return "<div class=\"banner bad\" id=\"standing\"><p>\(failure.description)</p></div>"
        }
        return .empty
    }

    private func channelSection(_ c: RuleMessages.ChannelMessages) -> HTML {
        let kind = c.channel?.kind.definition.title ?? "Unknown channel"
        let id = "channel-\(c.note.channel)"
        let heading: HTML = """
            <h2 id="\(id)">\(kind) \
            <span class="muted">· channel <code>\(c.note.channel)</code>\(c.fallbackOf.map { f -> HTML in " · fallback of <code>\(f)</code>" } ?? .empty) · template <code>\(c.note.template)</code></span></h2>
            """
        guard case .success(let subject) = c.subject else {
            if case .failure(let failure) = c.subject {
                return
                    "<section aria-labelledby=\"\(id)\">\(heading)<p class=\"banner bad\">\(failure.description)</p></section>"
            }
            return .empty
        }
        if case .notInAudience = subject.standing {
            return
                "<section aria-labelledby=\"\(id)\">\(heading)<p class=\"muted\">No \(kind) is sent: the user is not in the audience (see above).</p></section>"
        }
        var note: HTML = .empty
        if case .issued(outboxRow: false) = subject.standing {
            note =
                "<p class=\"banner warn\">No \(kind) was written for this user when the promo was issued (they had no address for it then); below is what it would say.</p>"
        }
        let variants = c.variants.map { variant(channel: c, $0, subject: subject) }
        return """
            <section aria-labelledby="\(id)">
            \(heading)
            \(note)
            <div class="grid">\(variants)</div>
            </section>
            """
    }

    private func variant(
        channel c: RuleMessages.ChannelMessages, _ v: RuleMessages.Variant, subject: Preview.Subject
    )
        -> HTML
    {
        let id = "\(c.note.channel)-\(v.locale)"
        let own: HTML =
            v.locale == c.usersLocale
            ? " <span class=\"badge ok\">\(firstName(subject.recipient.name)) gets this one</span>" : .empty
        let links = MessageLinks(
            tenant: tenant.config.id, rule: rule.id, channel: c.note.channel, locale: v.locale,
            kind: c.channel?.kind ?? .email,
            query: query.queryString(date: messages.date) + "&g=\(snapshot.generation)")
        let content: HTML
        switch v.message {
        case .failure(let failure):
            content = "<p class=\"banner bad\">\(failure.description)</p>"
        case .success(let message):
            if let email = message.content as? RenderedEmail {
                content = EmailView.render(message, email: email, subject: subject, links: links)
            } else if let whatsapp = message.content as? RenderedWhatsApp {
                content = WhatsAppView.render(message, whatsapp: whatsapp, at: rule.at, links: links)
            } else {
                content = TextMessageView.render(message, links: links)
            }
        }
        return """
            <article class="card variant" id="\(id)" lang="\(v.locale)" aria-labelledby="\(id)-title">
            <h3 id="\(id)-title"><span lang="en">\(v.locale)</span>\(own)</h3>
            \(content)
            </article>
            """
    }

    private func firstName(_ name: String) -> String {
        let first = name.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? name
        return first.isEmpty ? "This user" : first
    }
}
