import KadoYAML

/// Sends email through the Mailtrap send API (HTTPS, bearer token), as the seed did.
package struct MailtrapProvider: ChannelProvider {
    package static let name = "mailtrap"
    package static let kinds: Set<MessageKind> = [.email]
    package static let defaultURL = "https://send.api.mailtrap.io/api/send"
    package static let settings = ObjectSchema(
        "Send email through the Mailtrap send API.",
        fields: [
            FieldSchema(
                "token",
                .string(StringSchema("API token; use ${MAILTRAP_API_TOKEN}. Empty: not configured.")),
                required: true),
            FieldSchema(
                "url",
                .string(
                    StringSchema(
                        "Send API endpoint.", default: defaultURL,
                        check: urlCheck(schemes: ["https", "http"])))),
        ])

    package let token: String
    package let url: String
    /// The `Authorization` header of every request, built once.
    let authorization: String

    package init(token: String, url: String = MailtrapProvider.defaultURL) {
        self.token = token
        self.url = url
        authorization = "Bearer \(token)"
    }

    package init?(settings: YAMLNode, context: inout ConfigContext) {
        guard let token = settings.string("token"), !token.isEmpty else { return nil }
        let url = settings.string("url") ?? ""
        self.init(token: token, url: url.isEmpty ? Self.defaultURL : url)
    }

    package var summary: String { "Mailtrap API \(redactedURL(url))" }
}
