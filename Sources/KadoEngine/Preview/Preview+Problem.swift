extension Preview {
    /// Why there is no message to show, in words for a person.
    package enum Problem: Error, CustomStringConvertible, Sendable, Hashable {
        case noNotification(channel: String, rule: String)
        case noTemplate(String)
        case noUser(Int, table: String)
        case noAddress(user: Int, kind: MessageKind)
        case cannotRender(template: String, locale: String)
        case badAddress(String, reason: String)
        /// `--locale` names a locale the template has no variant for.
        case noLocale(template: String, kind: MessageKind, locale: String, available: [String])
        /// A real user the occurrence does not reach; `issued`: it ran without them.
        case notInAudience(
            user: Int, tenant: String, rule: String, date: LocalDate, reasons: [String], issued: Bool)
        /// `--sample-name` names no sample of the tenant.
        case noSample(String, tenant: String, available: [String])

        package var description: String {
            switch self {
            case .noNotification(let channel, let rule):
                return "rule '\(rule)' sends nothing on channel '\(channel)'"
            case .noTemplate(let name): return "template '\(name)' not found"
            case .noUser(let id, let table): return "no user with id \(id) in \(table)"
            case .noAddress(let id, let kind):
                return
                    "user \(id) has no \(kind.address.noun): no \(kind.rawValue) would be sent"
            case .badAddress(let raw, let reason):
                return
                    "'\(raw)' is not a usable phone number (\(reason)): the message would be dead, not sent"
            case .cannotRender(let template, let locale):
                return "template '\(template)' has no variant for locale '\(locale)'"
            case .noLocale(let template, let kind, let locale, let available):
                return
                    "template '\(template)' has no \(kind.rawValue) variant for locale '\(locale)'; it has: \(available.joined(separator: ", "))"
            case .notInAudience(let user, let tenant, let rule, let date, let reasons, let issued):
                let when = issued ? "was issued on \(date) without them" : "does not reach them on \(date)"
                return
                    "user \(user) is not in the audience of \(tenant)/\(rule): the occurrence \(when), because: \(reasons.joined(separator: "; "))"
            case .noSample(let name, let tenant, let available):
                return
                    "tenant '\(tenant)' has no sample named '\(name)'; its samples: \(available.joined(separator: ", "))"
            }
        }
    }
}
