/// A value a condition compares an attribute with, typed after the attribute.
package enum ConditionValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    /// A decimal number as written, bound as `numeric` so that 0.1 stays 0.1.
    case number(String)
    case boolean(Bool)
    case date(LocalDate)
    /// So many days before the occurrence date.
    case daysAgo(Int)
    /// So many days after the occurrence date.
    case daysAhead(Int)

    /// A date value on the occurrence `date`; nil for other values.
    package func date(on date: LocalDate) -> LocalDate? {
        switch self {
        case .date(let d): return d
        case .daysAgo(let n): return date.adding(days: -n)
        case .daysAhead(let n): return date.adding(days: n)
        default: return nil
        }
    }

    /// The value in PostgreSQL's text format, on the occurrence `date`.
    func text(on date: LocalDate) -> String {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .number(let n): return n
        case .boolean(let b): return b ? "true" : "false"
        case .date, .daysAgo, .daysAhead: return self.date(on: date)?.description ?? ""
        }
    }
}
