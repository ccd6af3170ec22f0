import KadoEngine

/// The URLs of one message's files, for the same subject and date as the page.
struct MessageLinks {
    /// An email's HTML body on its own.
    var body: String
    /// The message as its kind's file (`message.eml`, `message.json`, `message.txt`): what
    /// the file outbox writes.
    var file: String
    /// What the channel's provider receives (the request body, or the MIME message).
    var request: String

    init(tenant: String, rule: String, channel: String, locale: String, kind: MessageKind, query: String) {
        func link(_ file: String) -> String {
            RoutePaths.message(
                tenant: tenant, rule: rule, channel: channel, locale: locale, file: file, query: query)
        }
        body = link("body.html")
        file = link("message." + kind.definition.fileExtension)
        request = link("request")
    }
}
