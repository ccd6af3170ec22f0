/// The studio's URLs. Tenant, rule, channel and locale ids are checked identifiers and
/// locale tags (letters, digits, `-`, `_`), so they need no escaping in a path.
enum RoutePaths {
    static func rule(tenant: String, rule: String) -> String {
        "/tenants/\(tenant)/rules/\(rule)"
    }

    /// A message file: `body.html` (the email's HTML body), `message.{eml,json,txt}`, `request`.
    static func message(
        tenant: String, rule: String, channel: String, locale: String, file: String, query: String
    ) -> String {
        "/tenants/\(tenant)/rules/\(rule)/messages/\(channel)/\(locale)/\(file)\(query)"
    }
}
