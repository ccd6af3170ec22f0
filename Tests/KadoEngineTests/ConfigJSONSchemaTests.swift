import Testing

@testable import KadoEngine

extension JSONValue {
    /// The member `key` of an object.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var strings: [String]? {
        guard case .array(let items) = self else { return nil }
        return items.compactMap {
            if case .string(let s) = $0 { return s }
            return nil
        }
    }

    var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

@Suite("JSON Schema generated for editors")
struct ConfigJSONSchemaTests {
    @Test("each file kind: draft 2020-12, closed objects, required keys", arguments: ConfigFileKind.allCases)
    func document(kind: ConfigFileKind) throws {
        let document = ConfigJSONSchema.document(for: kind)
        #expect(document["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(document["$id"] == .string("https://kado.dev/schema/\(kind.rawValue).schema.json"))
        #expect(document["type"] == .string("object"))
        #expect(document["additionalProperties"] == .bool(false))
        let properties = try #require(document["properties"])
        guard case .object(let members) = properties else {
            Issue.record("properties is not an object")
            return
        }
        #expect(!members.isEmpty)
    }

    @Test("rule: required keys, the trigger plugin enum and nested closed objects")
    func rule() throws {
        let rule = ConfigJSONSchema.document(for: .rule)
        #expect(
            rule["required"]?.strings == ["id", "name", "trigger", "promo", "discount", "validity", "notify"])
        let trigger = try #require(rule["properties"]?["trigger"])
        #expect(trigger["required"]?.strings == ["plugin"])
        #expect(
            trigger["properties"]?["plugin"]?["enum"]?.strings == [
                "birthday", "anniversary", "date", "relative",
            ])
        let birthday = try #require(trigger["oneOf"]?.array?.first)
        #expect(birthday["additionalProperties"] == .bool(false))
        #expect(birthday["required"]?.strings == ["plugin", "at"])
        #expect(birthday["properties"]?["leap_day"]?["enum"]?.strings == ["feb28", "mar1"])
        let discount = try #require(rule["properties"]?["discount"])
        #expect(discount["additionalProperties"] == .bool(false))
        #expect(discount["properties"]?["percent"]?["maximum"] == .double(100))
        #expect(discount["properties"]?["percent"]?["exclusiveMinimum"] == .double(0))
        #expect(rule["properties"]?["validity"]?["properties"]?["days"]?["minimum"] == .int(1))
    }

    @Test("tenant: channels are a map of closed objects whose providers enumerate every plugin")
    func tenant() throws {
        let tenant = ConfigJSONSchema.document(for: .tenant)
        #expect(tenant["required"]?.strings == ["id", "name", "timezone", "locale", "currency", "channels"])
        let channels = try #require(tenant["properties"]?["channels"])
        #expect(channels["propertyNames"]?["pattern"] == .string("^[a-z][a-z0-9_-]*$"))
        let channel = try #require(channels["additionalProperties"])
        #expect(channel["additionalProperties"] == .bool(false))
        #expect(channel["required"]?.strings == ["providers"])
        let provider = try #require(channel["properties"]?["providers"]?["items"])
        #expect(
            provider["properties"]?["plugin"]?["enum"]?.strings == [
                "file", "smtp", "mailtrap", "whatsapp_cloud", "webhook", "twilio",
            ])
        let smtp = try #require(
            provider["oneOf"]?.array?.first { $0["properties"]?["plugin"]?["const"] == .string("smtp") })
        #expect(smtp["required"]?.strings == ["plugin", "url"])
        #expect(smtp["additionalProperties"] == .bool(false))
    }

    @Test("rule: audience.where refers to one recursive condition shape under $defs")
    func conditions() throws {
        let rule = ConfigJSONSchema.document(for: .rule)
        let audience = try #require(rule["properties"]?["audience"])
        let whereList = try #require(audience["properties"]?["where"])
        #expect(whereList["type"] == .string("array") && whereList["minItems"] == .int(1))
        #expect(whereList["items"]?["$ref"] == .string("#/$defs/condition"))
        let condition = try #require(rule["$defs"]?["condition"])
        let shapes = try #require(condition["oneOf"]?.array)
        #expect(shapes.map { $0["required"]?.strings ?? [] } == [["all"], ["any"], ["not"], ["attribute"]])
        #expect(shapes[0]["properties"]?["all"]?["items"]?["$ref"] == .string("#/$defs/condition"))
        #expect(shapes[2]["properties"]?["not"]?["$ref"] == .string("#/$defs/condition"))
        let comparison = shapes[3]
        #expect(comparison["additionalProperties"] == .bool(false))
        #expect(comparison["minProperties"] == .int(2) && comparison["maxProperties"] == .int(2))
        let operators = ["equals", "not_equals", "in", "not_in", "at_least", "at_most", "between", "is_set"]
        guard case .object(let members)? = comparison["properties"] else {
            Issue.record("no properties")
            return
        }
        #expect(members.map(\.0) == ["attribute"] + operators)
        #expect(comparison["properties"]?["between"]?["minItems"] == .int(2))
        #expect(comparison["properties"]?["between"]?["maxItems"] == .int(2))
        #expect(comparison["properties"]?["is_set"]?["type"] == .string("boolean"))
        let relative = try #require(comparison["properties"]?["at_most"]?["anyOf"]?.array?.last)
        #expect(relative["properties"]?["days_ago"]?["minimum"] == .int(0))
        let exclusive = try #require(rule["properties"]?["exclusive"])
        #expect(exclusive["required"]?.strings == ["group", "priority"])
        // The combined schema carries the definitions too.
        #expect(ConfigJSONSchema.combined["$defs"]?["condition"] != nil)
    }

    @Test("rule: the anniversary, date and relative triggers with their own settings")
    func triggers() throws {
        let trigger = try #require(ConfigJSONSchema.document(for: .rule)["properties"]?["trigger"])
        let variants = try #require(trigger["oneOf"]?.array)
        func variant(_ name: String) throws -> JSONValue {
            try #require(variants.first { $0["properties"]?["plugin"]?["const"] == .string(name) })
        }
        let anniversary = try variant("anniversary")
        #expect(anniversary["required"]?.strings == ["plugin", "at", "attribute"])
        #expect(anniversary["properties"]?["years"]?["items"]?["minimum"] == .int(1))
        let date = try variant("date")
        #expect(date["properties"]?["every_year"]?["items"]?["pattern"] == .string(Checks.monthDay.pattern))
        #expect(date["properties"]?["on"]?["items"]?["type"] == .string("string"))
        let relative = try variant("relative")
        #expect(relative["required"]?.strings == ["plugin", "at", "attribute"])
        for key in ["days_before", "days_after", "yearly", "leap_day"] {
            #expect(relative["properties"]?[key] != nil, "\(key)")
        }
    }

    @Test("tenant: audience.attributes maps names to a column and a type")
    func attributes() throws {
        let tenant = ConfigJSONSchema.document(for: .tenant)
        let attributes = try #require(tenant["properties"]?["audience"]?["properties"]?["attributes"])
        #expect(attributes["propertyNames"]?["pattern"] == .string("^[a-z][a-z0-9_]*$"))
        let attribute = try #require(attributes["additionalProperties"])
        #expect(attribute["required"]?.strings == ["column", "type"])
        #expect(
            attribute["properties"]?["type"]?["enum"]?.strings == [
                "string", "integer", "number", "boolean", "date",
            ])
    }

    @Test("template: locale-keyed maps")
    func template() throws {
        let template = ConfigJSONSchema.document(for: .template)
        let email = try #require(template["properties"]?["email"])
        #expect(email["propertyNames"]?["pattern"] != nil)
        #expect(email["additionalProperties"]?["required"]?.strings == ["subject", "html", "text"])
    }

    @Test("the combined schema accepts any of the four kinds, and renders as JSON")
    func combined() throws {
        let combined = ConfigJSONSchema.combined
        #expect(combined["anyOf"]?.array?.count == 4)
        let text = ConfigJSONSchema.document(for: .rule).rendered()
        #expect(text.contains("\"additionalProperties\": false"))
        #expect(text.hasPrefix("{"))
    }
}
