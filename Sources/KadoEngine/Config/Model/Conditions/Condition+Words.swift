extension Condition {
    /// The condition as marketing wrote it, in words: `tier in [gold, platinum]`,
    /// `any of (city equals Jakarta; age between 18 and 30)`. Dates relative to the occurrence
    /// are shown as written (`60 days ago`).
    package var words: String {
        switch self {
        case .comparison(let comparison): return comparison.words
        case .all(let parts): return "all of (" + parts.map(\.words).joined(separator: "; ") + ")"
        case .any(let parts): return "any of (" + parts.map(\.words).joined(separator: "; ") + ")"
        case .not(let inner): return "not (" + inner.words + ")"
        }
    }
}

extension Comparison {
    /// `points at_least 100`, `age between 18 and 30`, `vip is_set`.
    package var words: String {
        let shown = values.map(\.words)
        switch op {
        case .between where shown.count == 2: return "\(attribute.name) between \(shown[0]) and \(shown[1])"
        case .in, .notIn: return "\(attribute.name) \(op.rawValue) [\(shown.joined(separator: ", "))]"
        case .isSet:
            return values.first == .boolean(false) ? "\(attribute.name) not set" : "\(attribute.name) set"
        default: return "\(attribute.name) \(op.rawValue) \(shown.joined(separator: ", "))"
        }
    }
}

extension ConditionValue {
    /// The value as written.
    var words: String {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .number(let n): return n
        case .boolean(let b): return b ? "true" : "false"
        case .date(let d): return d.description
        case .daysAgo(let n): return "\(n) days ago"
        case .daysAhead(let n): return "in \(n) days"
        }
    }
}
