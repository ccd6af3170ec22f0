/// The one documented model of what a template may use. `kado validate` checks
/// every `{{name}}` against it and the renderer fills exactly these values.
package enum TemplateVariables {
    /// A documented name: a value, or an object with named members.
    package indirect enum Entry: Sendable {
        case value(String)
        case object(String, [(String, Entry)])
    }

    package static let root: [(String, Entry)] = [
        (
            "user",
            .object(
                "The recipient.",
                [
                    ("id", .value("User id.")),
                    ("name", .value("Full name.")),
                    ("first_name", .value("First word of the name.")),
                    ("email", .value("Email address, if any.")),
                    ("phone", .value("Phone number, if any.")),
                    ("locale", .value("The locale the message is rendered in.")),
                ])
        ),
        (
            "promo",
            .object(
                "The promo issued for this occurrence.",
                [
                    ("code", .value("The promo code (the user's own for per_user codes).")),
                    ("name", .value("Promo name from the rule.")),
                    ("valid_from", .value("Start of validity, a date in the tenant's zone and locale.")),
                    ("valid_until", .value("Last day of validity, a date in the tenant's zone and locale.")),
                    ("valid_days", .value("Number of days the promo is valid.")),
                    ("occurrence_date", .value("The occurrence date, in the tenant's locale.")),
                ])
        ),
        (
            "discount",
            .object(
                "What the promo is worth.",
                [
                    ("type", .value("fixed or percent.")),
                    ("text", .value("The discount as text: Rp10.000, or 15% (max €20).")),
                    (
                        "amount",
                        .value("Fixed amount as money in the tenant's locale and currency, e.g. Rp10.000.")
                    ),
                    ("percent", .value("Percentage, e.g. 15%.")),
                    ("cap", .value("Cap as money, when the percent discount has one.")),
                    ("is_fixed", .value("True for a fixed discount (for {{#discount.is_fixed}} sections).")),
                    ("is_percent", .value("True for a percent discount.")),
                ])
        ),
        (
            "tenant",
            .object("The tenant.", [("id", .value("Tenant id.")), ("name", .value("Display name."))])
        ),
        (
            "rule",
            .object("The campaign rule.", [("id", .value("Rule id.")), ("name", .value("Rule name."))])
        ),
        (
            "unsubscribe_url",
            .value(
                "The recipient's one-click unsubscribe link for this channel; unset (a {{#unsubscribe_url}} section is skipped) when the tenant has no public_url or unsubscribe secret."
            )
        ),
    ]

    /// Whether a dotted path (`user.first_name`) names something in the model.
    package static func resolves(_ path: [String], in entries: [(String, Entry)] = root) -> Bool {
        guard let first = path.first, let entry = entries.first(where: { $0.0 == first })?.1 else {
            return false
        }
        if path.count == 1 { return true }
        guard case .object(_, let members) = entry else { return false }
        return resolves(Array(path.dropFirst()), in: members)
    }

    /// Every leaf path, for suggestions and documentation.
    package static var allPaths: [String] {
        func walk(_ entries: [(String, Entry)], prefix: String) -> [String] {
            entries.flatMap { name, entry -> [String] in
                switch entry {
                case .value: return [prefix + name]
                case .object(_, let members): return walk(members, prefix: prefix + name + ".")
                }
            }
        }
        return walk(root, prefix: "")
    }
}
