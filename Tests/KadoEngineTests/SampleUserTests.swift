import Foundation
import KadoEngine
import Testing

private let samples = "templates/lunaria/samples.yaml"

/// Sample customers: `templates/<tenant>/samples.yaml`, checked like every other file,
/// or built in for the tenant's locales.
@Suite("Sample customers per tenant")
struct SampleUserTests {
    func tenant(_ result: ConfigLoader.Result, _ id: String) throws -> Configuration.Tenant {
        let configuration = try #require(result.configuration, "\(diagnosticsText(result))")
        return try #require(configuration.tenant(id))
    }

    @Test("the shipped lunaria samples are read with their locales, attributes and places")
    func shipped() throws {
        let shippedConfig = try EditedConfig()
        let lunaria = try tenant(shippedConfig.result, "lunaria")
        #expect(lunaria.samples.map(\.name) == ["Sanne de Vries", "Daan Jansen", "Emma Clarke"])
        #expect(lunaria.samples.map(\.locale) == ["nl-NL", "nl-NL", "en-GB"])
        let sanne = lunaria.samples[0]
        #expect(sanne.email == "sanne.devries@example.com" && !sanne.isBuiltIn)
        #expect(sanne.attributes.map { "\($0.name)=\($0.value)" } == ["tier=gold"])
        let sanneLine = try shippedConfig.fixture.position(of: "name: Sanne de Vries", in: samples).line
        #expect(sanne.mark?.file.hasSuffix(samples) == true && sanne.mark?.line == sanneLine)
        // No email written: one made from the name.
        #expect(lunaria.samples[1].email == "daan.jansen@example.com")
        #expect(
            lunaria.templates.keys.sorted() == ["anniversary", "birthday", "birthday-gold", "winback"],
            "samples.yaml is not a template")
    }

    @Test("without samples.yaml: a built-in customer for the tenant's locale first, one per other language")
    func builtIn() throws {
        let sayakaya = try tenant(try loadConfig([]), "sayakaya")
        #expect(sayakaya.samples.map(\.name) == ["Ayu Lestari", "Emily Carter"])
        #expect(sayakaya.samples.map(\.locale) == ["id-ID", "en-US"])
        #expect(sayakaya.samples.allSatisfy { $0.isBuiltIn })
        #expect(sayakaya.sample(named: nil)?.name == "Ayu Lestari")
        #expect(sayakaya.sample(named: "Nobody") == nil)

        let fixture = try ConfigFixture()
        try fixture.apply(
            Edit("rules/lunaria/tenant.yaml", replacing: "locale: nl-NL", with: "locale: de-DE"))
        for template in ["birthday", "birthday-gold", "anniversary", "winback"] {
            try fixture.apply(
                Edit(
                    "templates/lunaria/\(template).yaml", replacing: "email:\n  nl-NL:",
                    with: "email:\n  de-DE:"))
        }
        try fixture.apply(
            Edit("templates/lunaria/birthday.yaml", replacing: "sms:\n  nl-NL:", with: "sms:\n  de-DE:"))
        try FileManager.default.removeItem(at: fixture.templates.appending(path: "lunaria/samples.yaml"))
        let lunaria = try tenant(fixture.load(), "lunaria")
        #expect(
            lunaria.samples.map(\.name) == ["Lena Schmidt", "Emily Carter"],
            "not the same name for every tenant")
    }

    @Test(
        "mistakes in samples.yaml are errors at their place",
        arguments: [
            (
                Edit(
                    samples, replacing: "  - name: Daan Jansen",
                    with: "  - name: Sanne de Vries"),
                ExpectedErrorAt(
                    samples, at: "Sanne de Vries", occurrence: 2, "duplicate sample name 'Sanne de Vries'",
                    .line("line ", of: "Sanne de Vries"))
            ),
            (
                Edit(samples, replacing: "locale: en-GB", with: "locale: english"),
                ExpectedErrorAt(samples, at: "english", "'english' is not a locale tag")
            ),
            (
                Edit(
                    samples, replacing: "emma.clarke@example.com",
                    with: "emma at example"),
                ExpectedErrorAt(samples, at: "emma at example", "invalid email address 'emma at example'")
            ),
            (
                Edit(
                    samples, replacing: "    attributes: {tier: gold}",
                    with: "    phone: call me"),
                ExpectedErrorAt(samples, at: "call me", "'samples[].phone'", "character")
            ),
            (
                Edit(
                    samples, replacing: "  - name: Daan Jansen",
                    with: "  - nmae: Daan Jansen"),
                ExpectedErrorAt(samples, at: "nmae", "unknown key 'nmae'", "did you mean 'name'")
            ),
            (
                Edit(
                    samples, replacing: "{tier: silver}",
                    with: "{Tier Level: silver}"),
                ExpectedErrorAt(samples, at: "Tier Level", "'Tier Level' is not a valid id")
            ),
        ])
    func mistakes(edit: Edit, expected: ExpectedErrorAt) throws {
        let config = try EditedConfig(edit)
        expectError(config.result, try config.error(expected), alone: false)
    }

    @Test("an empty samples list is an error, not a tenant without samples")
    func empty() throws {
        let result = try loadConfig(.create("templates/sayakaya/samples.yaml", "samples: []\n"))
        expectError(result, ExpectedError("templates/sayakaya/samples.yaml", 1, 10, "at least 1 item"))
    }

    @Test("a rule cannot use 'samples' as a template: the name is the sample customers' file")
    func reservedName() throws {
        let rule = "rules/lunaria/birthday.yaml"
        let config = try EditedConfig(
            Edit(rule, replacing: "    template: birthday", with: "    template: samples"))
        expectError(
            config.result,
            try config.error(
                rule, at: "template: samples", offset: 10, "'samples' cannot be a template", "samples.yaml"))
    }
}
