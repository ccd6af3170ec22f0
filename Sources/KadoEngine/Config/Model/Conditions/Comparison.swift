/// One attribute compared with one operator: `{attribute: points, at_least: 100}`.
public struct Comparison: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equals
        case notEquals = "not_equals"
        case `in`
        case notIn = "not_in"
        case atLeast = "at_least"
        case atMost = "at_most"
        /// Inclusive, two values.
        case between
        /// true: the value is known (not NULL); false: it is not.
        case isSet = "is_set"

        /// Whether the operator takes a list of values.
        var takesList: Bool { self == .in || self == .notIn || self == .between }
    }

    public var attribute: Attribute
    public var op: Operator
    /// One value; the list for `in` and `not_in`; low and high for `between`; a boolean for `is_set`.
    public var values: [ConditionValue]

    public init(attribute: Attribute, op: Operator, values: [ConditionValue]) {
        self.attribute = attribute
        self.op = op
        self.values = values
    }
}
