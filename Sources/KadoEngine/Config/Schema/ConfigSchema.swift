/// The shape of a configuration value. One description serves two readers: the
/// loader checks YAML against it (types, unknown keys, ranges), and `kado schema`
/// turns it into JSON Schema for editors.
package indirect enum ConfigSchema: Sendable {
    case string(StringSchema)
    case integer(IntegerSchema)
    case number(NumberSchema)
    case boolean(description: String)
    case object(ObjectSchema)
    case array(ArraySchema)
    /// An object whose `plugin` key selects which of several object shapes applies.
    case plugin(PluginSchema)
    /// An object whose shape is chosen by which of some keys it holds.
    case keyed(KeyedSchema)
    /// A shape referred to by name, so that it can contain itself.
    case named(NamedSchema)
    /// Any value, checked by the model builder rather than by the schema.
    case anyValue(AnyValueSchema)
}

/// A string, optionally from a fixed set or checked by a rule.
package struct StringSchema: Sendable {
    package var description: String
    package var allowed: [String]?
    /// A JSON Schema `pattern` for editors; the loader uses `check`.
    package var pattern: String?
    /// Returns an error message for a bad value, nil when the value is fine.
    package var check: (@Sendable (String) -> String?)?
    package var defaultValue: String?
    /// The rule `pattern` and `check` come from, when they are one (see ``StringRule``).
    package var rule: StringRule?

    package init(
        _ description: String, allowed: [String]? = nil, pattern: String? = nil,
        default defaultValue: String? = nil,
        check: (@Sendable (String) -> String?)? = nil
    ) {
        self.description = description
        self.allowed = allowed
        self.pattern = pattern
        self.check = check
        self.defaultValue = defaultValue
    }

    /// A string that follows `rule`: its pattern (and values) for editors, its check for the loader.
    package init(_ description: String, rule: StringRule, default defaultValue: String? = nil) {
        self.init(description, pattern: rule.pattern, default: defaultValue, check: rule.check)
        self.rule = rule
    }
}

/// A whole number within optional bounds (inclusive).
package struct IntegerSchema: Sendable {
    package var description: String
    package var minimum: Int?
    package var maximum: Int?
    package var defaultValue: Int?

    package init(
        _ description: String, minimum: Int? = nil, maximum: Int? = nil, default defaultValue: Int? = nil
    ) {
        self.description = description
        self.minimum = minimum
        self.maximum = maximum
        self.defaultValue = defaultValue
    }
}

/// A number within optional bounds; `exclusiveMinimum` for "greater than".
package struct NumberSchema: Sendable {
    package var description: String
    package var exclusiveMinimum: Double?
    package var maximum: Double?

    package init(_ description: String, exclusiveMinimum: Double? = nil, maximum: Double? = nil) {
        self.description = description
        self.exclusiveMinimum = exclusiveMinimum
        self.maximum = maximum
    }
}

/// A list whose items share one shape.
package struct ArraySchema: Sendable {
    package var description: String
    package var items: ConfigSchema
    package var minItems: Int
    package var maxItems: Int?

    package init(_ description: String, items: ConfigSchema, minItems: Int = 0, maxItems: Int? = nil) {
        self.description = description
        self.items = items
        self.minItems = minItems
        self.maxItems = maxItems
    }
}

/// One named key of an object.
package struct FieldSchema: Sendable {
    package var name: String
    package var schema: ConfigSchema
    package var required: Bool

    package init(_ name: String, _ schema: ConfigSchema, required: Bool = false) {
        self.name = name
        self.schema = schema
        self.required = required
    }
}

/// A mapping with known keys, or (with `additional`) a map of free-form keys.
package struct ObjectSchema: Sendable {
    package var description: String
    package var fields: [FieldSchema]
    /// The shape of values under keys not in `fields` (a map); nil forbids other keys.
    package var additional: ConfigSchema?
    /// What free-form keys must look like, when `additional` is set.
    package var keyRule: StringSchema?
    /// How many keys the object holds, for editors (JSON Schema `minProperties` and
    /// `maxProperties`); the model builder checks it with a message of its own.
    package var keyCount: ClosedRange<Int>?

    package init(
        _ description: String, fields: [FieldSchema], additional: ConfigSchema? = nil,
        keyRule: StringSchema? = nil
    ) {
        self.description = description
        self.fields = fields
        self.additional = additional
        self.keyRule = keyRule
    }

    package func field(_ name: String) -> FieldSchema? {
        fields.first { $0.name == name }
    }
}

/// An object whose `plugin` key picks the variant, such as a trigger or a channel provider.
package struct PluginSchema: Sendable {
    package var description: String
    /// Keys every variant accepts besides `plugin`.
    package var common: [FieldSchema]
    /// Each plugin's name and its own settings.
    package var variants: [(name: String, settings: ObjectSchema)]

    package init(
        _ description: String, common: [FieldSchema] = [], variants: [(name: String, settings: ObjectSchema)]
    ) {
        self.description = description
        self.common = common
        self.variants = variants
    }
}

/// An object whose shape is picked by the one key of `variants` it holds, else `fallback`: a
/// condition is `{any: [...]}`, `{all: [...]}`, `{not: ...}` or `{attribute: ..., equals: ...}`.
package struct KeyedSchema: Sendable {
    package var description: String
    /// Each variant's key and its shape (which holds that key).
    package var variants: [(key: String, schema: ObjectSchema)]
    /// The shape of an object that holds none of the variants' keys.
    package var fallback: ObjectSchema

    package init(
        _ description: String, variants: [(key: String, schema: ObjectSchema)], fallback: ObjectSchema
    ) {
        self.description = description
        self.variants = variants
        self.fallback = fallback
    }
}

/// A shape referred to by its name, so that it can contain itself (a condition holds
/// conditions). JSON Schema writes it once, under `$defs`, and refers to it with `$ref`.
package struct NamedSchema: Sendable {
    package var name: String
    /// The shape, built when it is needed (it may refer to this very schema).
    package var resolve: @Sendable () -> ConfigSchema

    package init(_ name: String, _ resolve: @escaping @Sendable () -> ConfigSchema) {
        self.name = name
        self.resolve = resolve
    }
}

/// A value of any shape whose meaning depends on other settings (a condition's value is an
/// integer for one attribute and a date for another): the model builder checks it, and `json`
/// tells editors which shapes may appear.
package struct AnyValueSchema: Sendable {
    package var description: String
    /// The JSON Schema fragment for editors, without its description.
    package var json: [(String, JSONValue)]

    package init(_ description: String, json: [(String, JSONValue)]) {
        self.description = description
        self.json = json
    }
}
