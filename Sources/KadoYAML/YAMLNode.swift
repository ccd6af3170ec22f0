/// A YAML node that remembers where it came from.
public struct YAMLNode: Sendable {
    /// The node's content.
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    public var content: Content
    /// Where the node starts (for a mapping value: the value, not its key).
    public var mark: SourceMark

    public init(_ content: Content, mark: SourceMark) {
        self.content = content
        self.mark = mark
    }

    /// The scalar, if this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The key/value pairs, if this node is a mapping.
    public var pairs: [YAMLPair]? {
        if case .mapping(let p) = content { return p }
        return nil
    }

    /// The items, if this node is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let i) = content { return i }
        return nil
    }

    /// The value stored under `key` in a mapping.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key.scalar?.value == key }?.value
    }

    /// The mapping pair whose key is `key`.
    public func pair(_ key: String) -> YAMLPair? {
        pairs?.first { $0.key.scalar?.value == key }
    }

    /// A short name for the kind of node, for error messages ("a mapping", "a string").
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            if s.isNull { return "nothing (null)" }
            if s.style == .plain {
                if s.value == "true" || s.value == "false" { return "a boolean" }
                if Int(s.value) != nil { return "a number" }
                if Double(s.value) != nil { return "a number" }
            }
            return "a string"
        }
    }
}

/// One `key: value` entry of a mapping.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
