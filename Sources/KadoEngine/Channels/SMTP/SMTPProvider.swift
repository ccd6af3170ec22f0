import KadoYAML

/// Sends email over SMTP on kept sessions (``SMTPClient``: libcurl opens them, messages are
/// pipelined where offered): `smtp://` (STARTTLS when offered, or
/// required), `smtps://` (implicit TLS), optional authentication.
package struct SMTPProvider: ChannelProvider {
    /// How the connection is secured.
    package enum TLSMode: String, Sendable, CaseIterable {
        /// smtps:// uses implicit TLS; smtp:// upgrades with STARTTLS when the server offers it.
        case auto
        /// STARTTLS is required; the message is not sent in clear text.
        case starttls
        /// No TLS (local relays and tests only).
        case none
    }

    package static let name = "smtp"
    package static let kinds: Set<MessageKind> = [.email]
    package static let settings = ObjectSchema(
        "Send email through an SMTP server.",
        fields: [
            FieldSchema(
                "url",
                .string(
                    StringSchema(
                        "smtp://host:port or smtps://host:port (user:password@ allowed). Empty: not configured.",
                        check: urlCheck(schemes: ["smtp", "smtps"]))), required: true),
            FieldSchema("username", .string(StringSchema("SMTP user name (or put it in the URL)."))),
            FieldSchema(
                "password", .string(StringSchema("SMTP password; use ${VAR}, never a literal secret."))),
            FieldSchema(
                "tls",
                .string(
                    StringSchema(
                        "auto (default: STARTTLS when the server offers it, clear text when not), starttls (required) or none.",
                        allowed: TLSMode.allCases.map(\.rawValue), default: "auto"))),
            FieldSchema(
                "timeout_seconds", .integer(IntegerSchema("Per-message timeout.", minimum: 1, default: 30))),
        ])

    package var url: String
    package var username: String?
    package var password: String?
    package var tls: TLSMode
    package var timeoutSeconds: Int

    package init(
        url: String, username: String? = nil, password: String? = nil, tls: TLSMode = .auto,
        timeoutSeconds: Int = 30
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.tls = tls
        self.timeoutSeconds = timeoutSeconds
    }

    package init?(settings: YAMLNode, context: inout ConfigContext) {
        guard let url = settings.string("url"), !url.isEmpty else { return nil }
        self.init(
            url: url,
            username: settings.string("username").flatMap { $0.isEmpty ? nil : $0 },
            password: settings.string("password").flatMap { $0.isEmpty ? nil : $0 },
            tls: settings.string("tls").flatMap(TLSMode.init(rawValue:)) ?? .auto,
            timeoutSeconds: settings.int("timeout_seconds") ?? 30)
    }

    package var summary: String { "SMTP \(redactedURL(url))" }
}
