import Testing

@testable import KadoEngine

private let tenant = "rules/lunaria/tenant.yaml"
private let rule = "rules/lunaria/birthday.yaml"
private let template = "templates/lunaria/birthday.yaml"
private let dutchText =
    "text: \"Gefeliciteerd {{user.first_name}}! Deze week {{discount.text}} korting bij {{tenant.name}} met code {{promo.code}}, geldig t/m {{promo.valid_until}}.\""

@Suite("Config: SMS channels, templates and the Twilio provider")
struct SMSConfigTests {
    @Test("the shipped sms channel: the file outbox without Twilio's settings, Twilio with them")
    func shipped() throws {
        let plain = try #require(try EditedConfig().result.configuration)
        let lunaria = try #require(plain.tenant("lunaria"))
        let sms = try #require(lunaria.config.channels["sms"])
        #expect(sms.kind == .sms && sms.kind.address == .phone)
        #expect(sms.provider is FileProvider)
        let birthday = try #require(lunaria.templates["birthday"])
        #expect(birthday.locales(for: .sms) == ["en-US", "nl-NL"])
        #expect(lunaria.rules.first { $0.id == "birthday-week" }?.notifications.first?.fallback == "sms")

        let configured = try EditedConfig(
            environment: [
                "LUNARIA_TWILIO_ACCOUNT_SID": "AC0123", "LUNARIA_TWILIO_AUTH_TOKEN": "secret-token-42",
                "TWILIO_API_URL": "http://127.0.0.1:9/",
            ])
        let provider = try #require(
            configured.result.configuration?.tenant("lunaria")?.config.channels["sms"]?.provider
                as? TwilioProvider)
        #expect(provider.accountSID == "AC0123" && provider.from == "Lunaria")
        #expect(provider.messagesURL == "http://127.0.0.1:9/2010-04-01/Accounts/AC0123/Messages.json")
        #expect(!configured.result.diagnostics.contains { $0.message.contains("secret-token-42") })
    }

    @Test("an empty SMS text is an error at the text")
    func emptyText() throws {
        let config = try EditedConfig(Edit(template, replacing: dutchText, with: "text: \"  \""))
        expectError(config.result, try config.error(template, at: "\"  \"", "SMS text is empty"))
    }

    @Test("an SMS section without its text is an error at the locale")
    func missingText() throws {
        let config = try EditedConfig(Edit(template, replacing: dutchText, with: "body: \"Hoi\""))
        #expect(config.result.configuration == nil)
        #expect(
            config.result.errors.contains { $0.message.contains("text") && $0.mark.file.hasSuffix(template) })
    }

    @Test("a text that takes two segments before its variables are filled in is a warning with the count")
    func longText() throws {
        let long = String(repeating: "Lang verhaal. ", count: 13)
        let config = try EditedConfig(
            Edit(template, replacing: dutchText, with: "text: \"\(long){{promo.code}}\""))
        #expect(config.result.configuration != nil, "a warning does not stop the configuration")
        let warning = try #require(config.result.diagnostics.first { $0.severity == .warning })
        #expect(
            warning.message.contains("2 segments") && warning.message.contains("182 GSM-7"),
            "\(warning.message)")
        let expected = try config.error(template, at: "\"Lang verhaal")
        #expect(warning.mark.line == expected.line && warning.mark.column == expected.column)

        let emoji = try EditedConfig(
            Edit(
                template, replacing: dutchText, with: "text: \"🎁 \(String(repeating: "Feest! ", count: 10))\""
            ))
        let ucs2 = try #require(emoji.result.diagnostics.first { $0.severity == .warning })
        #expect(ucs2.message.contains("UCS-2") && ucs2.message.contains("2 segments"), "\(ucs2.message)")
    }

    @Test("an email provider on an sms channel is an error at the plugin")
    func wrongProvider() throws {
        let config = try EditedConfig(
            Edit(
                tenant, replacing: "      - plugin: twilio",
                with: "      - plugin: smtp\n        url: smtp://127.0.0.1:25\n      - plugin: twilio"))
        expectError(
            config.result,
            try config.error(
                tenant, at: "plugin: smtp", occurrence: 2, offset: 8, "cannot deliver sms messages"),
            alone: false)
    }

    @Test("a Twilio sender that is neither E.164 nor an alphanumeric ID is an error at the value")
    func badSender() throws {
        let config = try EditedConfig(
            Edit(tenant, replacing: "${LUNARIA_SMS_FROM:-Lunaria}", with: "0612345678"))
        expectError(config.result, try config.error(tenant, at: "0612345678", "not an SMS sender", "E.164"))
    }

    @Test("a fallback to sms needs the template's sms section")
    func fallbackNeedsSection() throws {
        let config = try EditedConfig(
            Edit(template, replacing: "\nsms:\n", with: "\nsms_later:\n"))
        #expect(config.result.configuration == nil)
        #expect(
            config.result.errors.contains {
                $0.message.contains("no 'sms' section") && $0.message.contains("fallback channel 'sms'")
            }, "\(config.result.errors)")
    }
}
