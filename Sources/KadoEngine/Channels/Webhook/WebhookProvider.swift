import KadoYAML

/// POSTs each message as a JSON event, signed with HMAC-SHA256 in the
/// `X-Kado-Signature` header, to a notification service or broker in front.
package struct WebhookProvider: ChannelProvider {
    package static let name = "webhook"
    package static var kinds: Set<MessageKind> { Set(MessageKind.allCases) }
    package static let settings = ObjectSchema(
        "POST messages as signed JSON events to a URL.",
        fields: [
            FieldSchema(
                "url",
                .string(
                    StringSchema(
                        "Receiver URL. Empty: not configured.", check: urlCheck(schemes: ["https", "http"]))),
                required: true),
            FieldSchema(
                "secret", .string(StringSchema("HMAC-SHA256 signing secret; use ${VAR}.")), required: true),
        ])

    package var url: String
    package var secret: String

    package init(url: String, secret: String) {
        self.url = url
        self.secret = secret
    }

    package init?(settings: YAMLNode, context: inout ConfigContext) {
        guard let url = settings.string("url"), !url.isEmpty else { return nil }
        let secret = settings.string("secret") ?? ""
        if secret.isEmpty {
            context.error(
                settings.mark("secret"), "webhook 'secret' is empty: the receiver could not verify signatures"
            )
        }
        self.init(url: url, secret: secret)
    }

    package var summary: String { "webhook \(redactedURL(url))" }
}
