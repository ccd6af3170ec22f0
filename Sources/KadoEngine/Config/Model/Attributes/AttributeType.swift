/// The type of an audience attribute: what its conditions compare and how a message shows it.
package enum AttributeType: String, Sendable, Hashable, CaseIterable {
    case string, integer, number, boolean, date

    /// The operators a condition on an attribute of this type may use.
    package var operators: [Comparison.Operator] {
        switch self {
        case .string: return [.equals, .notEquals, .in, .notIn, .isSet]
        case .boolean: return [.equals, .notEquals, .isSet]
        case .integer, .number, .date: return Comparison.Operator.allCases
        }
    }

    /// "a string", "an integer", ... for messages.
    package var article: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "a boolean"
        case .date: return "a date"
        }
    }

    /// What a value of this type looks like, for messages.
    var valueHint: String {
        switch self {
        case .string: return "a text value"
        case .integer: return "a whole number"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .date: return "a date YYYY-MM-DD or {days_ago: N}"
        }
    }
}
