import Foundation
import Testing

@testable import KadoEngine

/// Values each rule must accept and reject; every rule is also tried on every other rule's
/// samples, so the editor's pattern and the loader's check agree on all of them.
private let samples: [(rule: String, valid: [String], invalid: [String])] = [
    (
        "locale", ["id-ID", "en-US", "nl-NL", "zh-Hant-TW", "en", "fil-PH", "sr-Latn"],
        [
            "en-US-GB", "EN-us", "en_US", "e", "english", "en-us", "en-US\n", "", "zh-hant-TW", "en-USA",
            "en-Hant-",
        ]
    ),
    (
        "identifier", ["birthday", "birthday-week", "a", "rule_2"],
        ["Birthday", "2fast", "-x", "", "bday!", "é", "birthday\n", "a b"]
    ),
    (
        "sqlIdentifier", ["users", "phone_number", "_x", "Members2"],
        ["2users", "user name", "users;drop", "", "ü", "public.users", "users\n"]
    ),
    (
        "sqlRelation", ["users", "public.users", "_a._b"],
        ["a.b.c", ".users", "users.", "public..users", "1.x"]
    ),
    ("currency", ["IDR", "EUR", "USD", "JPY"], ["idr", "XYZ", "RUPIAH", "", "ID", "IDR\n", "Rp"]),
    (
        "time", ["00:01", "23:59", "09:00", "12:30"],
        ["24:00", "7:30", "00:60", "0:01", "12:5", "1200", "ab:cd", "٠٠:٠١", "00:01\n", "00:01:00"]
    ),
    (
        "codePrefix", ["BDAY-", "", "MAAN-", "XMAS-25", "-"],
        ["B0DAY-", "BIRTHDAY-", "LUNA-", "bday-", "B DAY", "OK-"]
    ),
    (
        "apiKey", ["", "0123456789abcdef", "sayakaya-test-key-0123456789", "!~!~!~!~!~!~!~!~"],
        [
            "short", "a key with spaces in it", "0123456789abcdef\n", "kunci-kunci-kunçi-kunci",
            "\t0123456789abcdef",
        ]
    ),
    (
        "unsubscribeSecret", ["", "0123456789abcdef", "a secret with spaces, fine"],
        ["tiny", "123456789012345", "0123456789abcde\n"]
    ),
    (
        "attributeName", ["tier", "member_since", "points2", "x"],
        ["Tier", "member-since", "2x", "_tier", "", "tier\n", "ti er", "é"]
    ),
    (
        "monthDay", ["12-12", "01-01", "02-29", "04-30", "12-31", "11-11"],
        ["02-30", "04-31", "13-01", "00-10", "12-00", "1-12", "12-1", "12/12", "2026-12-12", "12-12\n"]
    ),
    (
        "smsSender", ["", "+6281234567890", "+14155550100", "SayaKaya", "Toko 24", "A", "KADO2026"],
        [
            "6281234567890", "+0812345678", "+62 812 3456", "SayaKayaPromo", "12345", "Toko-24", "+1234567",
            "SayaKaya\n", "Tokö",
        ]
    ),
]

private let rules: [String: StringRule] = [
    "locale": Checks.locale, "identifier": Checks.identifier, "sqlIdentifier": Checks.sqlIdentifier,
    "sqlRelation": Checks.sqlRelation, "currency": Checks.currency, "time": Checks.time,
    "codePrefix": Checks.codePrefix, "apiKey": APIConfig.keyRule,
    "unsubscribeSecret": UnsubscribeConfig.secretRule, "attributeName": Checks.attributeName,
    "monthDay": Checks.monthDay, "smsSender": TwilioProvider.senderRule,
]

/// Whether `value` matches a JSON Schema string fragment's `pattern` and `enum`, read back from
/// the JSON the editors get.
private func jsonSchemaAccepts(_ fragment: JSONValue, _ value: String) throws -> Bool {
    if case .string(let pattern)? = fragment["pattern"] {
        let regex = try NSRegularExpression(pattern: pattern)
        let whole = NSRange(value.startIndex..., in: value)
        guard let match = regex.firstMatch(in: value, range: whole), match.range == whole else {
            return false
        }
    }
    if let allowed = fragment["enum"]?.strings, !allowed.contains(value) { return false }
    return true
}

/// Every string field of every file kind, with the path it is written at (a named shape once).
private func stringSchemas(_ schema: ConfigSchema, path: String, seen: inout Set<String>) -> [(
    String, StringSchema
)] {
    switch schema {
    case .string(let s): return [(path, s)]
    case .integer, .number, .boolean, .anyValue: return []
    case .array(let a): return stringSchemas(a.items, path: path + "[]", seen: &seen)
    case .object(let o): return objectStrings(o, path: path, seen: &seen)
    case .plugin(let p):
        return p.variants.flatMap { variant in
            var settings = variant.settings
            settings.fields = p.common + settings.fields
            return objectStrings(settings, path: "\(path)(\(variant.name))", seen: &seen)
        }
    case .keyed(let k):
        return k.variants.flatMap { objectStrings($0.schema, path: "\(path)(\($0.key))", seen: &seen) }
            + objectStrings(k.fallback, path: path, seen: &seen)
    case .named(let n):
        guard seen.insert(n.name).inserted else { return [] }
        return stringSchemas(n.resolve(), path: path, seen: &seen)
    }
}

private func stringSchemas(_ schema: ConfigSchema, path: String) -> [(String, StringSchema)] {
    var seen = Set<String>()
    return stringSchemas(schema, path: path, seen: &seen)
}

private func objectStrings(_ o: ObjectSchema, path: String, seen: inout Set<String>) -> [(
    String, StringSchema
)] {
    var out = o.fields.flatMap { stringSchemas($0.schema, path: path + "." + $0.name, seen: &seen) }
    if let key = o.keyRule { out.append((path + ".<key>", key)) }
    if let additional = o.additional { out += stringSchemas(additional, path: path + ".*", seen: &seen) }
    return out
}

@Suite("One rule per pattern: the JSON Schema and kado validate agree")
struct ConfigStringRuleTests {
    @Test("each rule accepts its valid samples and rejects its invalid ones", arguments: samples.map(\.rule))
    func ownSamples(name: String) throws {
        let rule = try #require(rules[name])
        let entry = try #require(samples.first { $0.rule == name })
        for value in entry.valid {
            #expect(rule.problem(value) == nil, "\(name) rejects \(value.debugDescription)")
        }
        for value in entry.invalid {
            #expect(rule.problem(value) != nil, "\(name) accepts \(value.debugDescription)")
        }
    }

    @Test("every string with a pattern, in every file kind, has one rule that the emitted schema matches")
    func everyPatternIsOneRule() throws {
        let everySample = samples.flatMap { $0.valid + $0.invalid }
        var checked = 0
        for kind in ConfigFileKind.allCases {
            for (path, schema) in stringSchemas(.object(kind.schema), path: kind.rawValue) {
                guard schema.pattern != nil || schema.rule != nil else { continue }
                let rule = try #require(schema.rule, "\(path) has a pattern but no StringRule")
                #expect(schema.pattern == rule.pattern, "\(path)")
                let fragment = ConfigSchema.string(schema).jsonSchema
                for value in everySample {
                    let validator = schema.check?(value) == nil
                    #expect(
                        validator == (try jsonSchemaAccepts(fragment, value)),
                        "\(path): kado validate \(validator ? "accepts" : "rejects") \(value.debugDescription), the JSON Schema does not"
                    )
                }
                checked += 1
            }
        }
        // tenant id, locale, currency, audience table and 7 columns, attribute names and columns,
        // channel names, a channel's opt_in column, api keys, the unsubscribe secret; rule id,
        // time (once per trigger plugin: 4), condition attributes, the anniversary's and
        // relative's attributes, every_year dates, exclusive group, prefix, currency; template
        // default_locale and one locale-keyed map per message kind (3); a sample's locale and its
        // attribute names; delivery: the timezone column, quiet hours from/to (tenant and
        // channel), the frequency cap's channels, a notification's send_at and fallback; the
        // Twilio provider's sender.
        #expect(checked == 41 + MessageKind.allCases.count)
    }

    @Test("the time rule accepts exactly what the scheduler's LocalTime parses")
    func timeMatchesLocalTime() throws {
        let entry = try #require(samples.first { $0.rule == "time" })
        for value in entry.valid + entry.invalid + ["19:07", "20:00", "2:00", "+1:00"] {
            #expect(
                (Checks.time.problem(value) == nil) == (LocalTime(value) != nil), "\(value.debugDescription)")
        }
    }

    @Test("the currency rule's values are the ISO 4217 codes, and the schema lists them for completion")
    func currencyValues() throws {
        let tenant = ConfigJSONSchema.document(for: .tenant)
        let codes = try #require(tenant["properties"]?["currency"]?["enum"]?.strings)
        #expect(codes.contains("IDR") && codes.contains("EUR"))
        #expect(codes == codes.sorted())
        #expect(Set(codes) == Set(Locale.commonISOCurrencyCodes))
    }

    @Test("a locale the schema rejects is an error in kado validate, at the value")
    func localeEnUSGB() throws {
        let tenant = "rules/sayakaya/tenant.yaml"
        let config = try EditedConfig(Edit(tenant, replacing: "locale: id-ID", with: "locale: en-US-GB"))
        expectError(
            config.result,
            try config.error(
                tenant, at: "en-US-GB", "'locale'", "'en-US-GB' is not a locale tag such as id-ID"),
            alone: false)
    }
}
