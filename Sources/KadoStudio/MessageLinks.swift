import KadoEngine

/// The URLs of one message's files, for the same subject and date as the page.
struct MessageLinks {
    var body: String
    var eml: String
    var json: String

    init(tenant: String, rule: String, channel: String, locale: String, query: String) {
        func link(_ file: String) -> String {
            RoutePaths.message(
                tenant: tenant, rule: rule, channel: channel, locale: locale, file: file, query: query)
        }
        body = link("body.html")
        eml = link("message.eml")
        json = link("message.json")
    }
}
