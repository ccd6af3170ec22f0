/// A scalar's text and how it was written.
public struct YAMLScalar: Sendable, Hashable {
    /// How the scalar was written in the source.
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The scalar's text after YAML unescaping (and, once interpolated, with `${VAR}` replaced).
    public var value: String
    public var style: Style
    /// An explicit tag such as `!!str`, if any.
    public var tag: String?
    /// True when `${VAR}` interpolation changed the value: such values may be secrets.
    public var isInterpolated: Bool
    /// The value as libyaml read it, when interpolation rewrote it (`${VAR}`, `$${`).
    public var original: String?
    /// Where interpolation rewrote the value, in order; empty when it did not.
    public var edits: [ScalarEdit]

    public init(
        value: String, style: Style, tag: String? = nil, isInterpolated: Bool = false,
        original: String? = nil,
        edits: [ScalarEdit] = []
    ) {
        self.value = value
        self.style = style
        self.tag = tag
        self.isInterpolated = isInterpolated
        self.original = original
        self.edits = edits
    }

    /// A plain `~`, `null`, or empty scalar: YAML's null.
    public var isNull: Bool {
        !isInterpolated && style == .plain && tag == nil
            && (value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL")
    }
}
