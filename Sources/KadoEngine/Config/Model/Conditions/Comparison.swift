/// One attribute compared with one operator: `{attribute: points, at_least: 100}`.
package struct Comparison: Sendable, Hashable {
    package enum Operator: String, Sendable, Hashable, CaseIterable {
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

    package var attribute: Attribute
    package var op: Operator
    /// One value; the list for `in` and `not_in`; low and high for `between`; a boolean for `is_set`.
    package var values: [ConditionValue]

    package init(attribute: Attribute, op: Operator, values: [ConditionValue]) {
        self.attribute = attribute
        self.op = op
        self.values = values
    }
}
