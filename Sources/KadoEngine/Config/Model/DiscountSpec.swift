import KadoYAML

/// What the promo is worth: a fixed amount, or a percentage with an optional cap.
package enum DiscountSpec: Sendable, Hashable {
    /// A fixed amount in whole units of `currency`.
    case fixed(amount: Int, currency: String)
    /// A percentage in (0, 100], capped at `cap` units of `currency` when given.
    case percent(Double, cap: Int?, currency: String)

    package var typeName: String {
        switch self {
        case .fixed: return "fixed"
        case .percent: return "percent"
        }
    }

    package var currency: String {
        switch self {
        case .fixed(_, let c), .percent(_, _, let c): return c
        }
    }

    static let schema = ObjectSchema(
        "The discount: fixed amount, or percent with an optional cap.",
        fields: [
            FieldSchema(
                "type", .string(StringSchema("fixed or percent.", allowed: ["fixed", "percent"])),
                required: true),
            FieldSchema(
                "amount",
                .integer(IntegerSchema("Fixed amount in whole currency units (type fixed).", minimum: 1))),
            FieldSchema(
                "percent",
                .number(
                    NumberSchema("Percentage in (0, 100] (type percent).", exclusiveMinimum: 0, maximum: 100))
            ),
            FieldSchema(
                "cap",
                .integer(
                    IntegerSchema("Largest discount in whole currency units (type percent).", minimum: 1))),
            FieldSchema(
                "currency",
                .string(
                    StringSchema(
                        "ISO 4217 currency: the tenant's (the default when left out).", rule: Checks.currency)
                )),
        ])

    init?(node: YAMLNode, tenant: TenantConfig?, context: inout ConfigContext) {
        let currency = node.string("currency") ?? tenant?.currency ?? "USD"
        // Amounts are in the tenant's money: messages format them, the backend books them so.
        if let tenant, let written = node.string("currency"), written != tenant.currency,
            Checks.currency.problem(written) == nil
        {
            context.error(
                node.mark("currency"),
                "the discount is in '\(written)', but tenant '\(tenant.id)' uses '\(tenant.currency)': a rule's amounts are in its tenant's currency; write 'currency: \(tenant.currency)' or leave it out"
            )
            return nil
        }
        switch node.string("type") {
        case "fixed":
            if let cap = node["cap"] { context.error(cap.mark, "'cap' applies to percent discounts only") }
            if let p = node["percent"] {
                context.error(p.mark, "'percent' applies to percent discounts; a fixed discount has 'amount'")
            }
            guard let amountNode = node["amount"] else {
                context.error(node.mark, "a fixed discount needs 'amount'")
                return nil
            }
            guard let amount = node.int("amount"), amount > 0 else {
                if let text = amountNode.scalar?.value, let value = Double(text), value <= 0 {
                    return nil  // reported by the schema as out of range
                }
                return nil
            }
            self = .fixed(amount: amount, currency: currency)
        case "percent":
            if let a = node["amount"] {
                context.error(a.mark, "'amount' applies to fixed discounts; a percent discount has 'percent'")
            }
            guard node["percent"] != nil else {
                context.error(node.mark, "a percent discount needs 'percent'")
                return nil
            }
            guard let percent = node.double("percent"), percent > 0, percent <= 100 else { return nil }
            let cap = node.int("cap")
            if let cap, cap <= 0 { return nil }
            self = .percent(percent, cap: cap, currency: currency)
        default:
            return nil
        }
    }
}
