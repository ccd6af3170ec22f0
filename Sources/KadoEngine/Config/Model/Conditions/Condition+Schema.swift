extension Condition {
    /// A condition, as the schema knows it: it may hold conditions (`all`, `any`, `not`).
    static let schema: ConfigSchema = .named(NamedSchema("condition") { Condition.shape })

    static let shape: ConfigSchema = .keyed(
        KeyedSchema(
            "A condition: {attribute: NAME, OPERATOR: VALUE}, or all:, any: or not: of conditions.",
            variants: [
                ("all", group("all", "Every one of these conditions holds.")),
                ("any", group("any", "At least one of these conditions holds.")),
                (
                    "not",
                    ObjectSchema(
                        "This condition does not hold (a comparison on a missing value is false, so its not: is true).",
                        fields: [FieldSchema("not", schema, required: true)])
                ),
            ],
            fallback: comparison))

    private static func group(_ key: String, _ description: String) -> ObjectSchema {
        ObjectSchema(
            description,
            fields: [
                FieldSchema(key, .array(ArraySchema(description, items: schema, minItems: 1)), required: true)
            ])
    }

    /// What editors are told a value may be: text, a number, true or false, or a date relative
    /// to the occurrence date.
    private static let scalar: [JSONValue] = [
        .object([("type", .string("string"))]), .object([("type", .string("number"))]),
        .object([("type", .string("boolean"))]),
    ]

    private static let relativeDate = JSONValue.object([
        ("type", .string("object")),
        (
            "properties",
            .object([
                (
                    "days_ago",
                    .object([
                        ("type", .string("integer")), ("minimum", .int(0)),
                        ("description", .string("So many days before the occurrence date.")),
                    ])
                ),
                (
                    "days_ahead",
                    .object([
                        ("type", .string("integer")), ("minimum", .int(0)),
                        ("description", .string("So many days after the occurrence date.")),
                    ])
                ),
            ])
        ),
        ("additionalProperties", .bool(false)), ("minProperties", .int(1)), ("maxProperties", .int(1)),
    ])

    private static func value(_ description: String) -> ConfigSchema {
        .anyValue(AnyValueSchema(description, json: [("anyOf", .array(scalar + [relativeDate]))]))
    }

    private static func values(_ description: String, count: ClosedRange<Int>) -> ConfigSchema {
        .array(
            ArraySchema(
                description, items: value("A value of the attribute's type."), minItems: count.lowerBound,
                maxItems: count.upperBound == Int.max ? nil : count.upperBound))
    }

    static let comparison: ObjectSchema = {
        var schema = ObjectSchema(
            "A comparison: the attribute and one operator. Dates are YYYY-MM-DD or {days_ago: N} / {days_ahead: N} from the occurrence date.",
            fields: [
                FieldSchema(
                    "attribute",
                    .string(
                        StringSchema(
                            "A built-in attribute (name, email, phone, locale, birthday, verified, age) or one the tenant declares.",
                            rule: Checks.attributeName)), required: true),
                FieldSchema("equals", value("Equal to this value.")),
                FieldSchema("not_equals", value("Known and not equal to this value.")),
                FieldSchema("in", values("One of these values.", count: 1...Int.max)),
                FieldSchema("not_in", values("Known and none of these values.", count: 1...Int.max)),
                FieldSchema("at_least", value("This value or more (numbers, dates: on or after).")),
                FieldSchema("at_most", value("This value or less (numbers, dates: on or before).")),
                FieldSchema("between", values("[low, high], both included.", count: 2...2)),
                FieldSchema(
                    "is_set",
                    .boolean(description: "true: the value is known (not NULL); false: it is missing.")),
            ])
        schema.keyCount = 2...2
        return schema
    }()

    /// `audience.where`: conditions that must all hold.
    static let list: ConfigSchema = .array(
        ArraySchema("Conditions that must all hold (any:, all: and not: nest).", items: schema, minItems: 1))
}
