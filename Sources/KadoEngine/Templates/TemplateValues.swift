/// The values of ``TemplateVariables`` for one message: what `{{user.first_name}}`,
/// `{{promo.code}}` or `{{discount.text}}` become.
public struct TemplateValues: Sendable, Hashable {
    /// The recipient as the outbox (or the audience source, for preview) knows them.
    public struct Recipient: Sendable, Hashable {
        public var id: Int
        public var name: String
        public var email: String?
        public var phone: String?
        public var locale: String?

        public init(id: Int, name: String, email: String?, phone: String?, locale: String?) {
            self.id = id
            self.name = name
            self.email = email
            self.phone = phone
            self.locale = locale
        }
    }

    public var tree: [String: [String: String]]
    public var flags: [String: [String: Bool]]

    /// Values for `recipient` receiving `code` for the occurrence of `rule` on `date`,
    /// formatted in `locale`.
    public init(
        tenant: TenantConfig, rule: RuleConfig, date: LocalDate, code: String, recipient: Recipient,
        locale: String
    ) {
        let format = MessageFormatter(
            locale: locale, currency: rule.discount.currency, timeZone: tenant.clock.timeZone)
        let terms = PromoTerms(rule: rule, tenant: tenant, date: date)
        var discount: [String: String] = ["type": rule.discount.typeName]
        switch rule.discount {
        case .fixed(let amount, _):
            discount["amount"] = format.money(Double(amount))
            discount["text"] = discount["amount"]
        case .percent(let percent, let cap, _):
            discount["percent"] = format.percent(percent)
            if let cap {
                discount["cap"] = format.money(Double(cap))
                discount["text"] = "\(format.percent(percent)) (max. \(format.money(Double(cap))))"
            } else {
                discount["text"] = format.percent(percent)
            }
        }
        // Names come from the backend's table: line breaks and other control
        // characters never reach a message as such.
        let name = String(
            String.UnicodeScalarView(
                recipient.name.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        let firstName = name.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? name
        tree = [
            "user": [
                "id": String(recipient.id), "name": name, "first_name": firstName,
                "email": recipient.email ?? "", "phone": recipient.phone ?? "", "locale": locale,
            ],
            "promo": [
                "code": code, "name": rule.promoName, "valid_from": format.date(date),
                "valid_until": format.date(terms.endDate), "valid_days": String(rule.validityDays),
                "occurrence_date": format.date(date),
            ],
            "discount": discount,
            "tenant": ["id": tenant.id, "name": tenant.name],
            "rule": ["id": rule.id, "name": rule.name],
        ]
        flags = [
            "discount": [
                "is_fixed": discount["type"] == "fixed", "is_percent": discount["type"] == "percent",
            ]
        ]
    }

    /// The nested dictionary Mustache renders from.
    public var context: [String: Any] {
        var out: [String: Any] = [:]
        for (name, values) in tree {
            var object: [String: Any] = values
            for (flag, value) in flags[name] ?? [:] { object[flag] = value }
            out[name] = object
        }
        return out
    }
}
