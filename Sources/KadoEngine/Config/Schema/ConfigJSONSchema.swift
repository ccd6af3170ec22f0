/// The three config file kinds.
package enum ConfigFileKind: String, Sendable, CaseIterable {
    case tenant, rule, template, samples

    var schema: ObjectSchema {
        switch self {
        case .tenant: return TenantConfig.schema
        case .rule: return RuleConfig.schema
        case .template: return TemplateConfig.schema
        case .samples: return SampleUser.schema
        }
    }
}

/// JSON Schema documents generated from the same shapes the loader checks.
package enum ConfigJSONSchema {
    package static func document(for kind: ConfigFileKind) -> JSONValue {
        let schema = ConfigSchema.object(kind.schema)
        guard case .object(let body) = schema.jsonSchema else { return .null }
        return .object(
            [
                ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                ("$id", .string("https://kado.dev/schema/\(kind.rawValue).schema.json")),
                ("title", .string("kado \(kind.rawValue) file")),
            ] + body + definitions(of: [schema]))
    }

    package static var combined: JSONValue {
        let schemas = ConfigFileKind.allCases.map { ConfigSchema.object($0.schema) }
        return .object(
            [
                ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                ("title", .string("kado configuration file (tenant, rule, template or samples)")),
                ("anyOf", .array(schemas.map(\.jsonSchema))),
            ] + definitions(of: schemas))
    }

    /// `$defs` with the named shapes `schemas` refer to, when there are any.
    static func definitions(of schemas: [ConfigSchema]) -> [(String, JSONValue)] {
        var defs: [(String, JSONValue)] = []
        for schema in schemas { schema.definitions(into: &defs) }
        return defs.isEmpty ? [] : [("$defs", .object(defs))]
    }
}
