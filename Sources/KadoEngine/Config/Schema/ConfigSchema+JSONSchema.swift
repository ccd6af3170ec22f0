extension ConfigSchema {
    /// This shape as a JSON Schema (draft 2020-12) fragment.
    package var jsonSchema: JSONValue {
        switch self {
        case .string(let s):
            var out: [(String, JSONValue)] = [
                ("type", .string("string")), ("description", .string(s.description)),
            ]
            if let allowed = s.allowed ?? s.rule?.values?.sorted() {
                out.append(("enum", .array(allowed.map(JSONValue.string))))
            }
            if let pattern = s.pattern { out.append(("pattern", .string(pattern))) }
            if let d = s.defaultValue { out.append(("default", .string(d))) }
            return .object(out)
        case .integer(let s):
            var out: [(String, JSONValue)] = [
                ("type", .string("integer")), ("description", .string(s.description)),
            ]
            if let min = s.minimum { out.append(("minimum", .int(min))) }
            if let max = s.maximum { out.append(("maximum", .int(max))) }
            if let d = s.defaultValue { out.append(("default", .int(d))) }
            return .object(out)
        case .number(let s):
            var out: [(String, JSONValue)] = [
                ("type", .string("number")), ("description", .string(s.description)),
            ]
            if let min = s.exclusiveMinimum { out.append(("exclusiveMinimum", .double(min))) }
            if let max = s.maximum { out.append(("maximum", .double(max))) }
            return .object(out)
        case .boolean(let description):
            return .object([("type", .string("boolean")), ("description", .string(description))])
        case .array(let s):
            var out: [(String, JSONValue)] = [
                ("type", .string("array")), ("description", .string(s.description)),
                ("items", s.items.jsonSchema),
            ]
            if s.minItems > 0 { out.append(("minItems", .int(s.minItems))) }
            if let max = s.maxItems { out.append(("maxItems", .int(max))) }
            return .object(out)
        case .object(let s):
            return s.jsonSchema(extra: [])
        case .plugin(let s):
            let variants: [JSONValue] = s.variants.map { variant in
                var settings = variant.settings
                settings.fields = s.common + settings.fields
                return settings.jsonSchema(
                    extra: [("plugin", .object([("const", .string(variant.name))]))], required: ["plugin"])
            }
            return .object([
                ("description", .string(s.description)),
                ("type", .string("object")),
                ("required", .array([.string("plugin")])),
                (
                    "properties",
                    .object([("plugin", .object([("enum", .array(s.variants.map { .string($0.name) }))]))])
                ),
                ("oneOf", .array(variants)),
            ])
        case .keyed(let s):
            let shapes =
                s.variants.map { $0.schema.jsonSchema(extra: []) } + [s.fallback.jsonSchema(extra: [])]
            return .object([
                ("description", .string(s.description)), ("type", .string("object")),
                ("oneOf", .array(shapes)),
            ])
        case .named(let s):
            return .object([("$ref", .string("#/$defs/\(s.name)"))])
        case .anyValue(let s):
            return .object([("description", .string(s.description))] + s.json)
        }
    }

    /// The named shapes this one refers to, each once, as JSON Schema `$defs` entries.
    func definitions(into defs: inout [(String, JSONValue)]) {
        switch self {
        case .string, .integer, .number, .boolean, .anyValue:
            return
        case .array(let s):
            s.items.definitions(into: &defs)
        case .object(let s):
            s.definitions(into: &defs)
        case .plugin(let s):
            for field in s.common { field.schema.definitions(into: &defs) }
            for variant in s.variants { variant.settings.definitions(into: &defs) }
        case .keyed(let s):
            for variant in s.variants { variant.schema.definitions(into: &defs) }
            s.fallback.definitions(into: &defs)
        case .named(let s):
            guard !defs.contains(where: { $0.0 == s.name }) else { return }
            let resolved = s.resolve()
            defs.append((s.name, resolved.jsonSchema))
            resolved.definitions(into: &defs)
        }
    }
}

extension ObjectSchema {
    func jsonSchema(extra: [(String, JSONValue)], required extraRequired: [String] = []) -> JSONValue {
        var properties = extra
        properties += fields.map { ($0.name, $0.schema.jsonSchema) }
        var out: [(String, JSONValue)] = [
            ("type", .string("object")), ("description", .string(description)),
            ("properties", .object(properties)),
        ]
        let required = extraRequired + fields.filter(\.required).map(\.name)
        if !required.isEmpty { out.append(("required", .array(required.map(JSONValue.string)))) }
        if let additional {
            out.append(("additionalProperties", additional.jsonSchema))
            if let pattern = keyRule?.pattern {
                out.append(("propertyNames", .object([("pattern", .string(pattern))])))
            }
        } else {
            out.append(("additionalProperties", .bool(false)))
        }
        if let keyCount {
            out.append(("minProperties", .int(keyCount.lowerBound)))
            out.append(("maxProperties", .int(keyCount.upperBound)))
        }
        return .object(out)
    }

    func definitions(into defs: inout [(String, JSONValue)]) {
        for field in fields { field.schema.definitions(into: &defs) }
        additional?.definitions(into: &defs)
    }
}
