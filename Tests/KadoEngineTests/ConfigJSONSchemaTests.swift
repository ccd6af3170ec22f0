import KadoEngine
import Testing

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
                "file", "smtp", "mailtrap", "whatsapp_cloud", "webhook",
            ])
        let smtp = try #require(
            provider["oneOf"]?.array?.first { $0["properties"]?["plugin"]?["const"] == .string("smtp") })
        #expect(smtp["required"]?.strings == ["plugin", "url"])
        #expect(smtp["additionalProperties"] == .bool(false))
    }

    @Test("template: locale-keyed maps")
    func template() throws {
        let template = ConfigJSONSchema.document(for: .template)
        let email = try #require(template["properties"]?["email"])
        #expect(email["propertyNames"]?["pattern"] != nil)
        #expect(email["additionalProperties"]?["required"]?.strings == ["subject", "html", "text"])
    }

    @Test("the combined schema accepts any of the three kinds, and renders as JSON")
    func combined() throws {
        let combined = ConfigJSONSchema.combined
        #expect(combined["anyOf"]?.array?.count == 3)
        let text = ConfigJSONSchema.document(for: .rule).rendered()
        #expect(text.contains("\"additionalProperties\": false"))
        #expect(text.hasPrefix("{"))
    }
}
