import Foundation
import Hummingbird
import KadoEngine

/// `GET /tenants/{tenant}/rules/{rule}/messages/{channel}/{locale}/{file}`: one message's
/// exact bytes. `body.html` is the email's HTML body for the page's sandboxed frame,
/// served with a CSP of its own (`sandbox`, no script, no connections, nothing but inline
/// styles and images); `message.{eml|json|txt}` is the message as its kind's file (what
/// the file outbox writes: an email as SMTP sends it, the WhatsApp Cloud API request, an
/// SMS's text); `request` is what the channel's provider receives, built by the provider.
struct MessageFileHandler: Sendable {
    let environment: StudioEnvironment

    /// The policy of an email body: it is the customer's view, so its own inline styles
    /// and images show; nothing runs and nothing else loads.
    static let bodyPolicy =
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; font-src data: https:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"

    func handle(_ request: Request, context: some RequestContext) async -> Response {
        let snapshot = environment.state.snapshot
        let parameters = context.parameters
        let channel = parameters.get("channel") ?? ""
        let locale = parameters.get("locale") ?? ""
        let file = parameters.get("file") ?? ""
        guard let good = snapshot.good else {
            return .text("no configuration has loaded yet", status: .notFound)
        }
        let (tenant, rule): (Configuration.Tenant, RuleConfig)
        switch environment.find(
            tenant: parameters.get("tenant") ?? "", rule: parameters.get("rule") ?? "", in: snapshot)
        {
        case .success(let found): (tenant, rule) = found
        case .failure(let failure): return .text(failure.description, status: .notFound)
        }
        let query = SubjectQuery(request)
        let date = environment.date(for: rule, tenant: tenant.config, asked: query.date)
        let messages = await RuleMessages.build(
            tenant: tenant, rule: rule, renderer: good.renderer, date: date, who: query.who,
            database: environment.database, only: (channel, locale))
        guard let variant = messages.channels.first?.variants.first else {
            return .text(
                "rule '\(rule.id)' has no \(channel) message in locale '\(locale)'", status: .notFound)
        }
        let message: OutgoingMessage
        switch variant.message {
        case .success(let m): message = m
        case .failure(let failure): return .text(failure.description, status: .notFound)
        }
        let name = "\(tenant.config.id)-\(rule.id)-\(date)-\(channel)-\(locale)"
        let kind = type(of: message.content)
        if file == "body.html", let email = message.content as? RenderedEmail {
            return .bytes(
                Array(email.html.utf8), contentType: "text/html; charset=utf-8",
                headers: [.contentSecurityPolicy: Self.bodyPolicy])
        }
        let made: Result<ProviderPayload, MessageFileError>
        switch file {
        case "message." + kind.fileExtension:
            made = message.filePayload(date: environment.now())
        case "request":
            guard let provider = tenant.config.channels[channel]?.provider else {
                return .text("no channel '\(channel)' in tenant '\(tenant.config.id)'", status: .notFound)
            }
            made = provider.payload(for: message, date: environment.now())
        default:
            return .text("no file '\(file)' for a \(message.kind.rawValue) message", status: .notFound)
        }
        switch made {
        case .success(let payload):
            return .bytes(
                payload.bytes, contentType: payload.mediaType,
                headers: [.contentDisposition: "attachment; filename=\"\(name).\(payload.fileExtension)\""])
        case .failure(let failure):
            return .text("cannot build the message: \(failure)", status: .unprocessableContent)
        }
    }
}
