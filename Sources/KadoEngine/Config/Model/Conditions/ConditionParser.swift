import Foundation
import KadoYAML

/// Reads `audience.where` into ``Condition``s against the tenant's attributes, reporting each
/// mistake at its value: an unknown attribute (with a suggestion), an operator that does not
/// fit the attribute's type, a value of the wrong type, `between` reversed. The schema has
/// checked the shapes already; what it reported is not reported again.
struct ConditionParser {
    /// The tenant's audience source; nil when the tenant did not load (attributes are not checked).
    var audience: AudienceSource?

    /// The conditions under `node` (a list), those that could be read.
    func conditions(_ node: YAMLNode?, context: inout ConfigContext) -> [Condition] {
        (node?.items ?? []).compactMap { condition($0, context: &context) }
    }

    func condition(_ node: YAMLNode, context: inout ConfigContext) -> Condition? {
        guard node.pairs != nil else { return nil }
        if let items = node["all"]?.items {
            return .all(items.compactMap { condition($0, context: &context) })
        }
        if let items = node["any"]?.items {
            return .any(items.compactMap { condition($0, context: &context) })
        }
        if let inner = node["not"] {
            return condition(inner, context: &context).map(Condition.not)
        }
        return comparison(node, context: &context).map(Condition.comparison)
    }

    private func comparison(_ node: YAMLNode, context: inout ConfigContext) -> Comparison? {
        guard let name = node.string("attribute"), let audience else { return nil }
        guard let attribute = audience.attribute(named: name) else {
            // A declared attribute with a mistake of its own has been reported in tenant.yaml.
            if !audience.faultyAttributes.contains(name) {
                context.error(node.mark("attribute"), AttributeLookup.unknown(name, in: audience))
            }
            return nil
        }
        let operators = (node.pairs ?? []).compactMap { pair -> (Comparison.Operator, YAMLNode, YAMLNode)? in
            guard let key = pair.key.scalar?.value, let op = Comparison.Operator(rawValue: key) else {
                return nil
            }
            return (op, pair.key, pair.value)
        }
        let fitting = attribute.type.operators.map(\.rawValue).joined(separator: ", ")
        guard let (op, key, valueNode) = operators.first else {
            // A misspelt operator is an unknown key, which the schema has reported.
            let keys = (node.pairs ?? []).compactMap { $0.key.scalar?.value }
            guard keys.allSatisfy({ $0 == "attribute" }) else { return nil }
            context.error(
                node.mark,
                "the condition on '\(name)' needs an operator: one of \(fitting) (\(name) is \(attribute.type.article) attribute)"
            )
            return nil
        }
        for (extra, extraKey, _) in operators.dropFirst() {
            context.error(
                extraKey.mark,
                "one operator per condition: '\(extra.rawValue)' follows '\(op.rawValue)' (use between, or a second condition)"
            )
        }
        guard attribute.type.operators.contains(op) else {
            context.error(
                key.mark,
                "'\(op.rawValue)' does not fit '\(name)', \(attribute.type.article) attribute: use \(fitting)"
            )
            return nil
        }
        if op == .isSet {
            guard let set = node.bool("is_set") else { return nil }
            return Comparison(attribute: attribute, op: op, values: [.boolean(set)])
        }
        if op.takesList {
            guard let items = valueNode.items else { return nil }
            let values = items.compactMap { value($0, attribute: attribute, op: op, context: &context) }
            guard values.count == items.count, !values.isEmpty else { return nil }
            if op == .between, values.count == 2, let problem = reversed(values[0], values[1]) {
                context.error(items[1].mark, "'between' needs [low, high], but \(problem)")
                return nil
            }
            return Comparison(attribute: attribute, op: op, values: values)
        }
        guard let single = value(valueNode, attribute: attribute, op: op, context: &context) else {
            return nil
        }
        return Comparison(attribute: attribute, op: op, values: [single])
    }

    /// Why `high` is below `low`, when it is (relative dates compare with relative dates only).
    private func reversed(_ low: ConditionValue, _ high: ConditionValue) -> String? {
        switch (low, high) {
        case (.integer(let a), .integer(let b)) where b < a:
            return "\(b) is below \(a)"
        case (.number(let a), .number(let b)) where (Double(b) ?? 0) < (Double(a) ?? 0):
            return "\(b) is below \(a)"
        case (.date(let a), .date(let b)) where b < a:
            return "\(b) is before \(a)"
        default:
            let day = LocalDate(year: 2000, month: 1, day: 1)
            guard isRelative(low), isRelative(high), let a = low.date(on: day), let b = high.date(on: day),
                b < a
            else { return nil }
            return "\(describe(high)) is before \(describe(low))"
        }
    }

    private func isRelative(_ value: ConditionValue) -> Bool {
        switch value {
        case .daysAgo, .daysAhead: return true
        default: return false
        }
    }

    private func describe(_ value: ConditionValue) -> String {
        switch value {
        case .daysAgo(let n): return "{days_ago: \(n)}"
        case .daysAhead(let n): return "{days_ahead: \(n)}"
        default: return value.text(on: LocalDate(year: 2000, month: 1, day: 1))
        }
    }

    /// One value for `attribute`, or nil with an error at `node`.
    private func value(
        _ node: YAMLNode, attribute: Attribute, op: Comparison.Operator, context: inout ConfigContext
    ) -> ConditionValue? {
        let type = attribute.type
        let problem = {
            "'\(attribute.name)' is \(type.article) attribute: '\(op.rawValue)' needs \(type.valueHint), got \(Self.shown(node))"
        }
        if let scalar = node.scalar, scalar.isNull {
            context.error(
                node.mark,
                "'\(op.rawValue)' needs a value; for users without a known \(attribute.name) write {attribute: \(attribute.name), is_set: false}"
            )
            return nil
        }
        if type == .date, node.pairs != nil {
            return relativeDate(node, context: &context)
        }
        guard let scalar = node.scalar else {
            context.error(node.mark, problem())
            return nil
        }
        let plain = scalar.style == .plain
        switch type {
        case .string:
            return .string(scalar.value)
        case .integer:
            if plain, let n = Int(scalar.value) { return .integer(n) }
        case .number:
            if plain, Self.isNumber(scalar.value) { return .number(scalar.value) }
        case .boolean:
            if plain, scalar.value == "true" || scalar.value == "false" {
                return .boolean(scalar.value == "true")
            }
        case .date:
            if let date = LocalDate(scalar.value) { return .date(date) }
        }
        context.error(node.mark, problem())
        return nil
    }

    /// `{days_ago: N}` or `{days_ahead: N}`.
    private func relativeDate(_ node: YAMLNode, context: inout ConfigContext) -> ConditionValue? {
        let pairs = node.pairs ?? []
        let keys = ["days_ago", "days_ahead"]
        for pair in pairs {
            guard let key = pair.key.scalar?.value, !keys.contains(key) else { continue }
            context.error(
                pair.key.mark,
                "unknown key '\(key)' in a relative date\(Suggestion.hint(for: key, in: keys)); write {days_ago: N} or {days_ahead: N}"
            )
            return nil
        }
        guard pairs.count == 1, let pair = pairs.first, let key = pair.key.scalar?.value else {
            context.error(node.mark, "a relative date is {days_ago: N} or {days_ahead: N}, one of them")
            return nil
        }
        guard let scalar = pair.value.scalar, scalar.style == .plain, let n = Int(scalar.value), n >= 0 else {
            context.error(
                pair.value.mark,
                "'\(key)' needs a whole number of days, 0 or more, got \(Self.shown(pair.value))")
            return nil
        }
        return key == "days_ago" ? .daysAgo(n) : .daysAhead(n)
    }

    /// A decimal number PostgreSQL reads as `numeric`: `12`, `-3.5`, `1e3`.
    static func isNumber(_ text: String) -> Bool {
        text.range(of: "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$", options: .regularExpression) != nil
    }

    /// A value as written, for messages: `"many"`, `12`, a list, a mapping.
    static func shown(_ node: YAMLNode) -> String {
        guard let scalar = node.scalar else { return node.kindDescription }
        return scalar.style == .plain ? "'\(scalar.value)'" : "\"\(scalar.value)\""
    }
}
