/// The shape of a configuration value. One description serves two readers: the
/// loader checks YAML against it (types, unknown keys, ranges), and `kado schema`
/// turns it into JSON Schema for editors.
public indirect enum ConfigSchema: Sendable {
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
public struct StringSchema: Sendable {
    public var description: String
    public var allowed: [String]?
    /// A JSON Schema `pattern` for editors; the loader uses `check`.
    public var pattern: String?
    /// Returns an error message for a bad value, nil when the value is fine.
    public var check: (@Sendable (String) -> String?)?
    public var defaultValue: String?
    /// The rule `pattern` and `check` come from, when they are one (see ``StringRule``).
    public var rule: StringRule?

    public init(
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
    public init(_ description: String, rule: StringRule, default defaultValue: String? = nil) {
        self.init(description, pattern: rule.pattern, default: defaultValue, check: rule.check)
        self.rule = rule
    }
}

/// A whole number within optional bounds (inclusive).
public struct IntegerSchema: Sendable {
    public var description: String
    public var minimum: Int?
    public var maximum: Int?
    public var defaultValue: Int?

    public init(
        _ description: String, minimum: Int? = nil, maximum: Int? = nil, default defaultValue: Int? = nil
    ) {
        self.description = description
        self.minimum = minimum
        self.maximum = maximum
        self.defaultValue = defaultValue
    }
}

/// A number within optional bounds; `exclusiveMinimum` for "greater than".
public struct NumberSchema: Sendable {
    public var description: String
    public var exclusiveMinimum: Double?
    public var maximum: Double?

    public init(_ description: String, exclusiveMinimum: Double? = nil, maximum: Double? = nil) {
        self.description = description
        self.exclusiveMinimum = exclusiveMinimum
        self.maximum = maximum
    }
}

/// A list whose items share one shape.
public struct ArraySchema: Sendable {
    public var description: String
    public var items: ConfigSchema
    public var minItems: Int
    public var maxItems: Int?

    public init(_ description: String, items: ConfigSchema, minItems: Int = 0, maxItems: Int? = nil) {
        self.description = description
        self.items = items
        self.minItems = minItems
        self.maxItems = maxItems
    }
}

/// One named key of an object.
public struct FieldSchema: Sendable {
    public var name: String
    public var schema: ConfigSchema
    public var required: Bool

    public init(_ name: String, _ schema: ConfigSchema, required: Bool = false) {
        self.name = name
        self.schema = schema
        self.required = required
    }
}

/// A mapping with known keys, or (with `additional`) a map of free-form keys.
public struct ObjectSchema: Sendable {
    public var description: String
    public var fields: [FieldSchema]
    /// The shape of values under keys not in `fields` (a map); nil forbids other keys.
    public var additional: ConfigSchema?
    /// What free-form keys must look like, when `additional` is set.
    public var keyRule: StringSchema?
    /// How many keys the object holds, for editors (JSON Schema `minProperties` and
    /// `maxProperties`); the model builder checks it with a message of its own.
    public var keyCount: ClosedRange<Int>?

    public init(
        _ description: String, fields: [FieldSchema], additional: ConfigSchema? = nil,
        keyRule: StringSchema? = nil
    ) {
        self.description = description
        self.fields = fields
        self.additional = additional
        self.keyRule = keyRule
    }

    public func field(_ name: String) -> FieldSchema? {
        fields.first { $0.name == name }
    }
}

/// An object whose `plugin` key picks the variant, such as a trigger or a channel provider.
public struct PluginSchema: Sendable {
    public var description: String
    /// Keys every variant accepts besides `plugin`.
    public var common: [FieldSchema]
    /// Each plugin's name and its own settings.
    public var variants: [(name: String, settings: ObjectSchema)]

    public init(
        _ description: String, common: [FieldSchema] = [], variants: [(name: String, settings: ObjectSchema)]
    ) {
        self.description = description
        self.common = common
        self.variants = variants
    }
}

/// An object whose shape is picked by the one key of `variants` it holds, else `fallback`: a
/// condition is `{any: [...]}`, `{all: [...]}`, `{not: ...}` or `{attribute: ..., equals: ...}`.
public struct KeyedSchema: Sendable {
    public var description: String
    /// Each variant's key and its shape (which holds that key).
    public var variants: [(key: String, schema: ObjectSchema)]
    /// The shape of an object that holds none of the variants' keys.
    public var fallback: ObjectSchema

    public init(
        _ description: String, variants: [(key: String, schema: ObjectSchema)], fallback: ObjectSchema
    ) {
        self.description = description
        self.variants = variants
        self.fallback = fallback
    }
}

/// A shape referred to by its name, so that it can contain itself (a condition holds
/// conditions). JSON Schema writes it once, under `$defs`, and refers to it with `$ref`.
public struct NamedSchema: Sendable {
    public var name: String
    /// The shape, built when it is needed (it may refer to this very schema).
    public var resolve: @Sendable () -> ConfigSchema

    public init(_ name: String, _ resolve: @escaping @Sendable () -> ConfigSchema) {
        self.name = name
        self.resolve = resolve
    }
}

/// A value of any shape whose meaning depends on other settings (a condition's value is an
/// integer for one attribute and a date for another): the model builder checks it, and `json`
/// tells editors which shapes may appear.
public struct AnyValueSchema: Sendable {
    public var description: String
    /// The JSON Schema fragment for editors, without its description.
    public var json: [(String, JSONValue)]

    public init(_ description: String, json: [(String, JSONValue)]) {
        self.description = description
        self.json = json
    }
}
