import KadoYAML

/// Checks a YAML node against a ``ConfigSchema`` and reports every mismatch at
/// the offending key or value: wrong types, unknown keys (with a suggestion),
/// missing keys, values out of range.
struct SchemaValidator {
    var diagnostics = Diagnostics()

    /// Recursion follows the schema and the input together: it goes only as deep as the schema
    /// does (a few levels) except through a ``NamedSchema`` that contains itself (conditions
    /// nest), where it follows the file; and the parser refuses files nested deeper than
    /// ``YAMLLimits/maxDepth`` before anything walks them, which bounds both.
    mutating func validate(_ node: YAMLNode, against schema: ConfigSchema, path: String) {
        switch schema {
        case .string(let s):
            guard let scalar = node.scalar, !scalar.isNull else {
                return mismatch(node, expected: "a string", path: path)
            }
            check(scalar.value, s, at: node.mark, path: path)
        case .integer(let s):
            guard let scalar = node.scalar, scalar.style == .plain, let value = Int(scalar.value) else {
                return mismatch(node, expected: "a whole number", path: path)
            }
            if let min = s.minimum, value < min {
                diagnostics.error(node.mark, "'\(path)' must be at least \(min), got \(value)")
            }
            if let max = s.maximum, value > max {
                diagnostics.error(node.mark, "'\(path)' must be at most \(max), got \(value)")
            }
        case .number(let s):
            guard let scalar = node.scalar, scalar.style == .plain, let value = Double(scalar.value) else {
                return mismatch(node, expected: "a number", path: path)
            }
            if let min = s.exclusiveMinimum, value <= min {
                let range =
                    s.maximum.map { "in (\(Self.format(min)), \(Self.format($0))]" }
                    ?? "greater than \(Self.format(min))"
                diagnostics.error(node.mark, "'\(path)' must be \(range), got \(scalar.value)")
            } else if let max = s.maximum, value > max {
                let range =
                    s.exclusiveMinimum.map { "in (\(Self.format($0)), \(Self.format(max))]" }
                    ?? "at most \(Self.format(max))"
                diagnostics.error(node.mark, "'\(path)' must be \(range), got \(scalar.value)")
            }
        case .boolean:
            guard let scalar = node.scalar, scalar.style == .plain,
                scalar.value == "true" || scalar.value == "false"
            else {
                return mismatch(node, expected: "true or false", path: path)
            }
        case .array(let s):
            guard let items = node.items else { return mismatch(node, expected: "a list", path: path) }
            if let max = s.maxItems, max == s.minItems, items.count != max {
                diagnostics.error(
                    node.mark, "'\(path)' needs exactly \(max) item\(max == 1 ? "" : "s"), got \(items.count)"
                )
            } else if items.count < s.minItems {
                diagnostics.error(
                    node.mark, "'\(path)' needs at least \(s.minItems) item\(s.minItems == 1 ? "" : "s")")
            } else if let max = s.maxItems, items.count > max {
                diagnostics.error(node.mark, "'\(path)' needs at most \(max) item\(max == 1 ? "" : "s")")
            }
            for (index, item) in items.enumerated() {
                validate(item, against: s.items, path: "\(path)[\(index)]")
            }
        case .object(let s):
            validateObject(node, s, extraKeys: [], path: path)
        case .plugin(let s):
            validatePlugin(node, s, path: path)
        case .keyed(let s):
            validateKeyed(node, s, path: path)
        case .named(let s):
            validate(node, against: s.resolve(), path: path)
        case .anyValue:
            return
        }
    }

    private mutating func validateKeyed(_ node: YAMLNode, _ schema: KeyedSchema, path: String) {
        guard let pairs = node.pairs else { return mismatch(node, expected: "a mapping", path: path) }
        let held = pairs.filter { pair in schema.variants.contains { $0.key == pair.key.scalar?.value } }
        if held.count > 1, let first = held.first?.key.scalar?.value {
            for extra in held.dropFirst() {
                diagnostics.error(
                    extra.key.mark,
                    "'\(path)' holds both '\(first)' and '\(extra.key.scalar?.value ?? "")': write one per mapping and nest the other inside it"
                )
            }
            return
        }
        let key = held.first?.key.scalar?.value
        let shape = schema.variants.first { $0.key == key }?.schema ?? schema.fallback
        validateObject(node, shape, extraKeys: [], path: path)
    }

    private mutating func validateObject(
        _ node: YAMLNode, _ schema: ObjectSchema, extraKeys: [String], path: String
    ) {
        guard let pairs = node.pairs else { return mismatch(node, expected: "a mapping", path: path) }
        let known = schema.fields.map(\.name) + extraKeys
        for pair in pairs {
            guard let key = pair.key.scalar?.value else {
                diagnostics.error(pair.key.mark, "keys must be plain names")
                continue
            }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            if let field = schema.field(key) {
                validate(pair.value, against: field.schema, path: childPath)
            } else if extraKeys.contains(key) {
                continue
            } else if let additional = schema.additional {
                if let rule = schema.keyRule {
                    check(key, rule, at: pair.key.mark, path: childPath, isKey: true)
                }
                validate(pair.value, against: additional, path: childPath)
            } else {
                let where_ = path.isEmpty ? "" : " in '\(path)'"
                diagnostics.error(
                    pair.key.mark, "unknown key '\(key)'\(where_)\(Suggestion.hint(for: key, in: known))")
            }
        }
        for field in schema.fields where field.required && node.pair(field.name) == nil {
            let name = path.isEmpty ? field.name : "\(path).\(field.name)"
            diagnostics.error(node.mark, "missing required key '\(name)'")
        }
    }

    private mutating func validatePlugin(_ node: YAMLNode, _ schema: PluginSchema, path: String) {
        guard node.pairs != nil else { return mismatch(node, expected: "a mapping", path: path) }
        let names = schema.variants.map(\.name)
        guard let pluginNode = node["plugin"] else {
            diagnostics.error(
                node.mark,
                "missing required key '\(path.isEmpty ? "" : path + ".")plugin' (one of: \(names.joined(separator: ", ")))"
            )
            return
        }
        guard let name = pluginNode.scalar?.value, !(pluginNode.scalar?.isNull ?? true) else {
            return mismatch(pluginNode, expected: "a plugin name", path: "\(path).plugin")
        }
        guard let variant = schema.variants.first(where: { $0.name == name }) else {
            diagnostics.error(
                pluginNode.mark,
                "unknown plugin '\(name)'\(Suggestion.hint(for: name, in: names)); available: \(names.joined(separator: ", "))"
            )
            return
        }
        var settings = variant.settings
        settings.fields = schema.common + settings.fields
        validateObject(node, settings, extraKeys: ["plugin"], path: path)
    }

    private mutating func check(
        _ value: String, _ schema: StringSchema, at mark: SourceMark, path: String, isKey: Bool = false
    ) {
        if let allowed = schema.allowed, !allowed.contains(value) {
            diagnostics.error(
                mark,
                "'\(path)' must be one of \(allowed.map { "'\($0)'" }.joined(separator: ", ")), got '\(value)'\(Suggestion.hint(for: value, in: allowed))"
            )
        } else if let problem = schema.check?(value) {
            diagnostics.error(mark, "'\(path)': \(problem)")
        }
    }

    private mutating func mismatch(_ node: YAMLNode, expected: String, path: String) {
        diagnostics.error(node.mark, "'\(path)' must be \(expected), found \(node.kindDescription)")
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
