import KadoEngine
import Testing

@Suite("Phone numbers to E.164")
struct PhoneNumberTests {
    @Test(
        "Indonesian and Dutch numbers as people write them",
        arguments: [
            ("0812-0000-0011", 62, "+6281200000011"),
            ("+62 812 0000 0011", 62, "+6281200000011"),
            ("+62 812 0000 0011", nil, "+6281200000011"),
            ("0062 812 0000 0011", 62, "+6281200000011"),
            ("0062812-0000-0011", nil, "+6281200000011"),
            ("(0812) 0000.0011", 62, "+6281200000011"),
            ("812 0000 0011", 62, "+6281200000011"),
            ("+6281234567890", 31, "+6281234567890"),
            ("06-12345678", 31, "+31612345678"),
            ("06 1234 5678", 31, "+31612345678"),
            ("+31 (0)6 1234 5678", 31, "+31612345678"),
            ("0031 6 12345678", nil, "+31612345678"),
            ("020-555 1234", 31, "+31205551234"),
            ("612345678", 31, "+31612345678"),
        ] as [(String, Int?, String)])
    func normalized(text: String, country: Int?, e164: String) throws {
        let number = try PhoneNumber.normalized(text, countryCode: country).get()
        #expect(number.e164 == e164)
        #expect(PhoneNumber.e164(text, countryCode: country) == e164)
    }

    @Test(
        "what is not a phone number: nil, with a reason",
        arguments: [
            ("", 62, "no number"),
            ("junk", 62, "the character 'j'"),
            ("0812-0000-0011 ext 5", 62, "the character 'e'"),
            ("+", 62, "no digits"),
            ("++62 812", 62, "the character '+'"),
            ("0812-0000-0011", nil, "phone_country"),
            ("812 0000 0011", nil, "phone_country"),
            ("6281200000011", 62, "starts with the country code 62"),
            ("12345", 62, "5 digits"),
            ("+62 812 0000 0011 1234", 62, "17 digits"),
            ("+0812 0000 0011", 62, "does not start with 0"),
            ("0", 62, "8 to 15"),
            ("0812/0000/0011", 62, "the character '/'"),
            ("0812", 1000, "not from 1 to 999"),
        ] as [(String, Int?, String)])
    func rejected(text: String, country: Int?, reason: String) throws {
        #expect(PhoneNumber.e164(text, countryCode: country) == nil)
        let problem = try #require(throws: PhoneNumber.Problem.self) {
            try PhoneNumber.normalized(text, countryCode: country).get()
        }
        #expect(problem.reason.contains(reason), "\(problem.reason)")
    }

    @Test("every result is '+' and 8 to 15 digits")
    func shape() {
        for text in ["0812-0000-0011", "06-12345678", "+1 202 555 0100", "00 44 20 7946 0000", "81200000011"]
        {
            let e164 = PhoneNumber.e164(text, countryCode: 62) ?? ""
            #expect(e164.hasPrefix("+"))
            #expect(
                (8...15).contains(e164.dropFirst().count) && e164.dropFirst().allSatisfy(\.isNumber),
                "\(e164)")
        }
    }

    @Test("the tenant's phone_country: optional, an integer calling code 1 to 999")
    func tenantSetting() throws {
        let tenant = "rules/sayakaya/tenant.yaml"
        // The shipped sayakaya tenant sets 62.
        let set = try EditedConfig()
        #expect(set.result.errors.isEmpty, "\(diagnosticsText(set.result))")
        #expect(set.result.configuration?.tenant("sayakaya")?.config.phoneCountry == 62)
        let unset = try EditedConfig(Edit(tenant, replacing: "phone_country: 62\n", with: ""))
        #expect(unset.result.configuration?.tenant("sayakaya")?.config.phoneCountry == nil)
        for (value, words) in [("0", "at least 1"), ("1000", "at most 999"), ("\"+62\"", "whole number")] {
            let bad = try EditedConfig(
                Edit(tenant, replacing: "phone_country: 62\n", with: "phone_country: \(value)\n"))
            expectError(
                bad.result,
                try bad.error(
                    tenant, at: "phone_country: \(value)", offset: "phone_country: ".count, "'phone_country'",
                    words))
        }
        let schema = ConfigJSONSchema.document(for: .tenant)["properties"]?["phone_country"]
        #expect(schema?["type"] == .string("integer"))
        #expect(schema?["minimum"] == .int(1) && schema?["maximum"] == .int(999))
    }
}
