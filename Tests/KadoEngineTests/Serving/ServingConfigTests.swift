import Foundation
import KadoEngine
import Testing

private let sayakayaTenant = "rules/sayakaya/tenant.yaml"
private let lunariaTenant = "rules/lunaria/tenant.yaml"

@Suite("Config: api keys, public_url, unsubscribe secret, opt_in")
struct ServingConfigTests {
    let environment = [
        "SAYAKAYA_API_KEY": "sayakaya-key-0123456789", "LUNARIA_API_KEY": "lunaria-key-0123456789",
        "KADO_PUBLIC_URL": "https://promo.example.com/", "KADO_UNSUBSCRIBE_SECRET": "secret-0123456789abcdef",
    ]

    @Test("keys, public URL and secret come from the environment; empty ones mean off")
    func fromEnvironment() throws {
        let on = try EditedConfig(environment: environment)
        let tenant = try #require(on.result.configuration?.tenant("sayakaya")?.config)
        #expect(tenant.api.accepts("sayakaya-key-0123456789"))
        #expect(!tenant.api.accepts("lunaria-key-0123456789"))
        #expect(!tenant.api.accepts("sayakaya-key-012345678"))
        #expect(tenant.unsubscribe?.publicURL == "https://promo.example.com")
        let off = try EditedConfig()
        let bare = try #require(off.result.configuration?.tenant("sayakaya")?.config)
        #expect(!bare.api.isEnabled)
        #expect(bare.unsubscribe == nil)
    }

    @Test("a short key, a short secret and a public URL with a query are errors at their value")
    func mistakes() throws {
        var env = environment
        env["SAYAKAYA_API_KEY"] = "short"
        env["KADO_UNSUBSCRIBE_SECRET"] = "tiny"
        env["KADO_PUBLIC_URL"] = "https://promo.example.com/?x=1"
        let config = try EditedConfig(environment: env)
        expectError(
            config.result, try config.error(sayakayaTenant, at: "\"${SAYAKAYA_API_KEY:-}\"", "at least 16"),
            alone: false)
        expectError(
            config.result,
            try config.error(sayakayaTenant, at: "${KADO_UNSUBSCRIBE_SECRET:-}", "at least 16"), alone: false)
        expectError(
            config.result, try config.error(sayakayaTenant, at: "${KADO_PUBLIC_URL:-}", "query"), alone: false
        )
        #expect(config.result.configuration == nil)
    }

    @Test("one key for two tenants is an error at the second")
    func sharedKey() throws {
        var env = environment
        env["LUNARIA_API_KEY"] = env["SAYAKAYA_API_KEY"]
        let config = try EditedConfig(environment: env)
        #expect(config.result.errors.contains { $0.message.contains("also a key of tenant") })
        #expect(config.result.configuration == nil)
    }

    @Test("opt_in names a column: a plain SQL identifier")
    func optIn() throws {
        let good = try EditedConfig(
            Edit(
                sayakayaTenant, replacing: "  whatsapp:\n", with: "  whatsapp:\n    opt_in: whatsapp_opt_in\n"
            ))
        #expect(
            good.result.configuration?.tenant("sayakaya")?.config.channels["whatsapp"]?.optIn
                == "whatsapp_opt_in")
        let bad = try EditedConfig(
            Edit(sayakayaTenant, replacing: "  whatsapp:\n", with: "  whatsapp:\n    opt_in: \"opt in\"\n"))
        expectError(bad.result, try bad.error(sayakayaTenant, at: "\"opt in\"", "plain SQL identifier"))
    }
    @Test(
        "opt_in names a boolean attribute (its column is read) and an attribute of another type is an error")
    func optInAttribute() throws {
        let attributes =
            "    verified: verified_status\n  attributes:\n    wa_ok: {column: wa_consent_flag, type: boolean}\n    tier: {column: tier, type: string}\n"
        let good = try EditedConfig(
            Edit(sayakayaTenant, replacing: "    verified: verified_status\n", with: attributes),
            Edit(sayakayaTenant, replacing: "  whatsapp:\n", with: "  whatsapp:\n    opt_in: wa_ok\n"))
        #expect(good.result.errors.isEmpty, "\(good.result.errors)")
        #expect(
            good.result.configuration?.tenant("sayakaya")?.config.channels["whatsapp"]?.optIn
                == "wa_consent_flag")
        let bad = try EditedConfig(
            Edit(sayakayaTenant, replacing: "    verified: verified_status\n", with: attributes),
            Edit(sayakayaTenant, replacing: "  whatsapp:\n", with: "  whatsapp:\n    opt_in: tier\n"))
        expectError(
            bad.result,
            try bad.error(sayakayaTenant, at: "opt_in: tier", offset: 8, "must be a boolean attribute"))
    }
}
