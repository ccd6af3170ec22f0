/// The values of ``TemplateVariables`` for one message: what `{{user.first_name}}`,
/// `{{promo.code}}` or `{{discount.text}}` become.
package struct TemplateValues: Sendable, Hashable {
    /// The recipient as the outbox (or the audience source, for preview) knows them.
    package struct Recipient: Sendable, Hashable {
        package var id: Int
        package var name: String
        package var email: String?
        package var phone: String?
        package var locale: String?

        package init(id: Int, name: String, email: String?, phone: String?, locale: String?) {
            self.id = id
            self.name = name
            self.email = email
            self.phone = phone
            self.locale = locale
        }
    }

    package var tree: [String: [String: String]]
    package var flags: [String: [String: Bool]]
    /// `{{unsubscribe_url}}`: nil when the tenant has no one-click unsubscribe.
    package var unsubscribeURL: String?
    /// `user.ATTRIBUTE` and `trigger.NAME` from the outbox row's snapshot, formatted.
    var attributes: [String: [String: TemplateAttribute]] = [:]

    /// Values for `recipient` receiving `code` for a promo with these issued `terms`,
    /// formatted in `locale`. Everything about the promo comes from `terms` (the stored
    /// row), never from the rule as it reads now; the user's attributes and the trigger's
    /// values come from `snapshot`, as captured at issuance.
    package init(
        tenant: TenantConfig, ruleID: String, ruleName: String, terms: PromoTerms, code: String,
        recipient: Recipient, locale: String, snapshot: AttributeSnapshot = AttributeSnapshot()
    ) {
        let format = MessageFormatter(
            locale: locale, currency: terms.currency, timeZone: tenant.clock.timeZone)
        var discount: [String: String] = ["type": terms.discountType]
        if terms.isPercent {
            let percent = format.percent(terms.percent ?? 0)
            discount["percent"] = percent
            if let cap = terms.cap {
                let money = format.money(Double(cap))
                discount["cap"] = money
                discount["text"] = format.cappedPercent(percent, cap: money)
            } else {
                discount["text"] = percent
            }
        } else {
            discount["amount"] = format.money(Double(terms.amount ?? 0))
            discount["text"] = discount["amount"]
        }
        let name = Self.displayName(recipient.name)
        let firstName = Self.firstName(of: name)
        tree = [
            "user": [
                "id": String(recipient.id), "name": name, "first_name": firstName,
                "email": recipient.email ?? "", "phone": recipient.phone ?? "", "locale": locale,
            ],
            "promo": [
                "code": code, "name": terms.promoName, "valid_from": format.date(terms.occurrenceDate),
                "valid_until": format.date(terms.endDate), "valid_days": String(terms.validityDays),
                "occurrence_date": format.date(terms.occurrenceDate),
            ],
            "discount": discount,
            "tenant": ["id": tenant.id, "name": tenant.name],
            "rule": ["id": ruleID, "name": ruleName],
        ]
        flags = [
            "discount": [
                "is_fixed": discount["type"] == "fixed", "is_percent": discount["type"] == "percent",
            ]
        ]
        for (path, value) in snapshot.values {
            let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            attributes[parts[0], default: [:]][parts[1]] = format.attribute(
                value, type: Self.attributeType(path, tenant: tenant))
        }
    }

    /// A recipient's name as messages show it. Names come from the backend's table: line
    /// breaks and other control characters (C0, DEL, C1) never reach a message as such.
    static func displayName(_ name: String) -> String {
        var previous: UInt8 = 0
        let hasControl = name.utf8.contains { byte in
            defer { previous = byte }
            return byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte))
        }
        guard hasControl else { return name }
        return String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// The first word of a (display) name, or the name when it has none.
    static func firstName(of name: String) -> String {
        let utf8 = name.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            // By characters, Unicode's white space; only up to the end of the first word
            // (a split would cut the whole name into words to keep the first).
            guard let start = name.firstIndex(where: { !$0.isWhitespace }) else { return name }
            return String(name[start..<(name[start...].firstIndex(where: \.isWhitespace) ?? name.endIndex)])
        }
        // ASCII (most names): the same split on the bytes; ASCII's white space is tab, LF,
        // VT, FF, CR and space.
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }) else { return name }
        return String(name[start..<(utf8[start...].firstIndex(where: isSpace) ?? utf8.endIndex)])
    }

    /// The declared type of a captured value's path (`user.tier`, `trigger.years`), if known.
    static func attributeType(_ path: String, tenant: TenantConfig) -> AttributeType? {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return parts[0] == "user"
            ? tenant.audience.attribute(named: parts[1])?.type
            : TriggerRegistry.variables.first { $0.name == parts[1] }?.type
    }

    /// The nested dictionary Mustache renders from.
    package var context: [String: Any] {
        var out: [String: Any] = [:]
        for (name, values) in tree {
            var object: [String: Any] = values
            for (flag, value) in flags[name] ?? [:] { object[flag] = value }
            out[name] = object
        }
        if let unsubscribeURL { out["unsubscribe_url"] = unsubscribeURL }
        for (name, values) in attributes {
            var object = out[name] as? [String: Any] ?? [:]
            for (key, value) in values where object[key] == nil { object[key] = value }
            out[name] = object
        }
        return out
    }
}
