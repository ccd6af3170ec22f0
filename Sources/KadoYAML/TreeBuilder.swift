import CYAML

/// Assembles libyaml events into ``YAMLNode``s, one open collection per stack entry.
struct TreeBuilder {
    private enum Open {
        case mapping(mark: SourceMark, anchor: String?, pairs: [YAMLPair], pendingKey: YAMLNode?)
        case sequence(mark: SourceMark, anchor: String?, items: [YAMLNode])
    }

    let file: String
    private(set) var root: YAMLNode?
    private(set) var problems: [YAMLError] = []
    private(set) var finishedFirstDocument = false
    private var stack: [Open] = []
    private var anchors: [String: YAMLNode] = [:]

    init(file: String) {
        self.file = file
    }

    private func mark(_ m: yaml_mark_t) -> SourceMark {
        SourceMark(file: file, line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// Handles one event; returns a fatal error, if any.
    mutating func handle(_ event: yaml_event_t) -> YAMLError? {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_END_EVENT:
            finishedFirstDocument = true
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let length = Int(data.length)
            let value: String
            if let pointer = data.value, length > 0 {
                value = String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
            } else {
                value = ""
            }
            let style: YAMLScalar.Style
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let node = YAMLNode(
                .scalar(YAMLScalar(value: value, style: style, tag: Self.string(data.tag))), mark: start)
            if let anchor = Self.string(data.anchor) { anchors[anchor] = node }
            add(node)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let node = anchors[name] else {
                return YAMLError(mark: start, message: "unknown alias '*\(name)'")
            }
            var copy = node
            copy.mark = start
            add(copy)
        case YAML_MAPPING_START_EVENT:
            stack.append(
                .mapping(
                    mark: start, anchor: Self.string(event.data.mapping_start.anchor), pairs: [],
                    pendingKey: nil))
        case YAML_SEQUENCE_START_EVENT:
            stack.append(
                .sequence(mark: start, anchor: Self.string(event.data.sequence_start.anchor), items: []))
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            guard let open = stack.popLast() else { return nil }
            let node: YAMLNode
            let anchor: String?
            switch open {
            case .mapping(let m, let a, let pairs, _):
                node = YAMLNode(.mapping(pairs), mark: m)
                anchor = a
            case .sequence(let m, let a, let items):
                node = YAMLNode(.sequence(items), mark: m)
                anchor = a
            }
            if let anchor { anchors[anchor] = node }
            add(node)
        default:
            break
        }
        return nil
    }

    private mutating func add(_ node: YAMLNode) {
        guard let top = stack.popLast() else {
            if root == nil { root = node }
            return
        }
        switch top {
        case .sequence(let m, let a, var items):
            items.append(node)
            stack.append(.sequence(mark: m, anchor: a, items: items))
        case .mapping(let m, let a, var pairs, let pendingKey):
            guard let key = pendingKey else {
                stack.append(.mapping(mark: m, anchor: a, pairs: pairs, pendingKey: node))
                return
            }
            if let name = key.scalar?.value,
                let first = pairs.first(where: { $0.key.scalar?.value == name })
            {
                problems.append(
                    YAMLError(
                        mark: key.mark,
                        message: "duplicate key '\(name)' (first defined at line \(first.key.mark.line))"))
            } else {
                pairs.append(YAMLPair(key: key, value: node))
            }
            stack.append(.mapping(mark: m, anchor: a, pairs: pairs, pendingKey: nil))
        }
    }
}
