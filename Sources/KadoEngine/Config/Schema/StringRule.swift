import Foundation

/// What a string value must look like, written once for both of its readers: the JSON
/// Schema `pattern` (and `enum`) that editors check while marketing types, and the check
/// `kado validate` runs. The check *is* the pattern (matched with `NSRegularExpression`
/// against the whole value), so the two cannot disagree; patterns keep to the part of the
/// regular-expression language that ECMA-262 (JSON Schema's) and ICU share: anchors,
/// ASCII classes, groups, alternation and counted repetition.
package struct StringRule: Sendable {
    /// The JSON Schema `pattern`, anchored with `^` and `$`.
    package let pattern: String
    /// When set, the value must also be one of these (JSON Schema `enum`).
    package let values: Set<String>?
    private let regex: NSRegularExpression?
    private let message: @Sendable (String) -> String

    /// A rule from `pattern` (and `values`); `message` says what is wrong with a value that
    /// does not match.
    package init(pattern: String, values: Set<String>? = nil, message: @escaping @Sendable (String) -> String)
    {
        self.pattern = pattern
        self.values = values
        self.regex = try? NSRegularExpression(pattern: pattern)
        self.message = message
    }

    /// Whether `value` matches the whole pattern (a pattern that does not compile matches nothing).
    package func matches(_ value: String) -> Bool {
        guard let regex else { return false }
        let whole = NSRange(value.startIndex..., in: value)
        // ICU's `$` also matches before a final line break; the match must be all of the value.
        guard let match = regex.firstMatch(in: value, options: [.anchored], range: whole),
            match.range == whole
        else { return false }
        return values?.contains(value) ?? true
    }

    /// Why `value` breaks the rule, or nil when it does not.
    package func problem(_ value: String) -> String? {
        matches(value) ? nil : message(value)
    }

    /// ``problem(_:)`` as a ``StringSchema`` check.
    package var check: @Sendable (String) -> String? {
        { value in self.problem(value) }
    }
}
