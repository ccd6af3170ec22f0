import CYAML

/// Assembles libyaml events into ``YAMLNode``s, one open collection per stack entry.
///
/// It never recurses, and it enforces ``YAMLLimits`` as the events arrive: a list or
/// mapping that would nest deeper than `maxDepth` is refused when it opens, and an alias
/// is refused before it is expanded when it would bring the file over `maxNodes` values
/// (an alias counts as the size of what it repeats) or over `maxDepth` levels. So every
/// tree it builds is at most `maxDepth` deep and `maxNodes` large, and whatever walks
/// it afterwards (interpolation, the schema validator, the tree's deinit) stays bounded.
struct TreeBuilder {
    /// What to do after an event.
    enum Outcome {
        case proceed
        /// The first document is complete and a second one starts: stop reading.
        case stop
        /// A problem that ends parsing.
        case fatal(YAMLError)
    }

    private enum Kind {
        case mapping, sequence
    }

    private struct Open {
        var kind: Kind
        var mark: SourceMark
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        /// Each scalar key of a mapping and the line it was first written on.
        var keyLines: [String: Int] = [:]
        var pendingKey: YAMLNode?
        /// The node count before this collection opened.
        var nodesBefore: Int
        /// The height of the tallest child collection (0: none).
        var childHeight = 0
    }

    /// An anchored node, with what expanding an alias to it costs.
    private struct Anchor {
        var node: YAMLNode
        /// Values in it, itself included.
        var size: Int
        /// Levels of lists and mappings in it (0 for a scalar).
        var height: Int
    }

    let file: String
    let limits: YAMLLimits
    private(set) var root: YAMLNode?
    private(set) var problems: [YAMLError] = []
    private var finishedFirstDocument = false
    private var stack: [Open] = []
    private var anchors: [String: Anchor] = [:]
    /// Values so far, aliases counted as the size of what they repeat.
    private var nodes = 0

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    private func mark(_ m: yaml_mark_t) -> SourceMark {
        SourceMark(file: file, line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// Handles one event.
    mutating func handle(_ event: yaml_event_t) -> Outcome {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            guard finishedFirstDocument else { return .proceed }
            // libyaml starts a second document only at a '---' (text after '...' is a syntax error).
            problems.append(
                YAMLError(
                    mark: start,
                    message:
                        "a second YAML document starts here, and a file holds one document: remove the second '---' (and merge the two parts), or move what follows into a file of its own; the rest of this file is not read"
                ))
            return .stop
        case YAML_DOCUMENT_END_EVENT:
            finishedFirstDocument = true
        case YAML_SCALAR_EVENT:
            if let error = count(1, at: start) { return .fatal(error) }
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
            if let anchor = Self.string(data.anchor) {
                anchors[anchor] = Anchor(node: node, size: 1, height: 0)
            }
            add(node, height: 0)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            return alias(name, at: start)
        case YAML_MAPPING_START_EVENT:
            return open(.mapping, anchor: Self.string(event.data.mapping_start.anchor), at: start)
        case YAML_SEQUENCE_START_EVENT:
            return open(.sequence, anchor: Self.string(event.data.sequence_start.anchor), at: start)
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            guard let open = stack.popLast() else { return .proceed }
            let node: YAMLNode
            switch open.kind {
            case .mapping: node = YAMLNode(.mapping(open.pairs), mark: open.mark)
            case .sequence: node = YAMLNode(.sequence(open.items), mark: open.mark)
            }
            let height = open.childHeight + 1
            if let anchor = open.anchor {
                anchors[anchor] = Anchor(node: node, size: nodes - open.nodesBefore, height: height)
            }
            add(node, height: height)
        default:
            break
        }
        return .proceed
    }

    /// Counts `n` more values, or refuses them when they would exceed the limit.
    private mutating func count(_ n: Int, at mark: SourceMark) -> YAMLError? {
        guard nodes + n <= limits.maxNodes else {
            return YAMLError(
                mark: mark,
                message:
                    "this file holds more than \(limits.maxNodes) values (keys, items and settings); a rule or template needs a few dozen: split it into smaller files"
            )
        }
        nodes += n
        return nil
    }

    private mutating func open(_ kind: Kind, anchor: String?, at start: SourceMark) -> Outcome {
        guard stack.count < limits.maxDepth else {
            return .fatal(
                YAMLError(
                    mark: start,
                    message:
                        "this file nests lists and mappings more than \(limits.maxDepth) levels deep (here); a rule or template needs only a few levels: check for '[' or '{' written too often, or indentation that keeps growing"
                ))
        }
        let before = nodes
        if let error = count(1, at: start) { return .fatal(error) }
        stack.append(Open(kind: kind, mark: start, anchor: anchor, nodesBefore: before))
        return .proceed
    }

    /// Adds a copy of the anchored node, marked where the alias is written, if the limits allow it.
    private mutating func alias(_ name: String, at start: SourceMark) -> Outcome {
        guard let anchor = anchors[name] else {
            if stack.contains(where: { $0.anchor == name }) {
                return .fatal(
                    YAMLError(
                        mark: start,
                        message:
                            "the alias '*\(name)' repeats the list or mapping it is written in, which would never end (found recursive alias)"
                    ))
            }
            return .fatal(
                YAMLError(
                    mark: start,
                    message:
                        "unknown alias '*\(name)': an alias repeats a value marked '&\(name)' earlier in the file, and there is none (found undefined alias)"
                ))
        }
        guard nodes + anchor.size <= limits.maxNodes else {
            return .fatal(
                YAMLError(
                    mark: start,
                    message:
                        "this file expands YAML aliases into more than \(limits.maxNodes) values; aliases (*\(name)) may not multiply content like this: write the values out, or repeat a value with one alias"
                ))
        }
        guard stack.count + anchor.height <= limits.maxDepth else {
            return .fatal(
                YAMLError(
                    mark: start,
                    message:
                        "the alias '*\(name)' here nests lists and mappings more than \(limits.maxDepth) levels deep; write its content out instead"
                ))
        }
        nodes += anchor.size
        var copy = anchor.node
        copy.mark = start
        add(copy, height: anchor.height)
        return .proceed
    }

    private mutating func add(_ node: YAMLNode, height: Int) {
        guard !stack.isEmpty else {
            if root == nil { root = node }
            return
        }
        let top = stack.count - 1
        stack[top].childHeight = max(stack[top].childHeight, height)
        switch stack[top].kind {
        case .sequence:
            stack[top].items.append(node)
        case .mapping:
            guard let key = stack[top].pendingKey else {
                stack[top].pendingKey = node
                return
            }
            stack[top].pendingKey = nil
            if let name = key.scalar?.value {
                if let line = stack[top].keyLines[name] {
                    problems.append(
                        YAMLError(
                            mark: key.mark, message: "duplicate key '\(name)' (first defined at line \(line))"
                        ))
                    return
                }
                stack[top].keyLines[name] = key.mark.line
            }
            stack[top].pairs.append(YAMLPair(key: key, value: node))
        }
    }
}
