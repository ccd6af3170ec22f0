import KadoEngine
import Testing

private let rule = "rules/sayakaya/birthday.yaml"
private let tenant = "rules/sayakaya/tenant.yaml"

@Suite("Config: local send times, quiet hours, frequency caps and fallbacks")
struct DeliveryConfigTests {
    @Test("send_at, send_zone, quiet hours, a cap and a fallback load as written")
    func loads() throws {
        let config = try EditedConfig(
            Edit(tenant, replacing: "    timezone: timezone", with: "    timezone: tz"),
            Edit(
                tenant, replacing: "phone_country: 62",
                with: """
                    phone_country: 62
                    quiet_hours: {from: "21:00", to: "08:00"}
                    frequency_cap: {messages: 1, per_days: 7, channels: [email]}
                    """),
            Edit(
                rule, replacing: "  - channel: whatsapp\n    template: birthday\n    send_at: \"09:00\"",
                with:
                    "  - channel: whatsapp\n    template: birthday\n    send_at: \"09:00\"\n    fallback: email"
            ))
        let configuration = try #require(config.result.configuration, "\(config.result.diagnostics)")
        let sayakaya = try #require(configuration.tenant("sayakaya"))
        #expect(sayakaya.config.audience.columns.timezone == "tz")
        #expect(
            sayakaya.config.quietHours
                == QuietHours(from: LocalTime(hour: 21, minute: 0), to: LocalTime(hour: 8, minute: 0)))
        #expect(sayakaya.config.frequencyCap?.messages == 1 && sayakaya.config.frequencyCap?.perDays == 7)
        #expect(sayakaya.config.frequencyCap?.channels == ["email"])
        let birthday = try #require(sayakaya.rules.first { $0.id == "birthday" })
        #expect(birthday.sendZone == .user)
        let whatsapp = try #require(birthday.notifications.first { $0.channel == "whatsapp" })
        #expect(whatsapp.sendAt == LocalTime(hour: 9, minute: 0) && whatsapp.fallback == "email")
    }

    @Test("send_at that is not HH:MM is an error at the value")
    func badSendAt() throws {
        let config = try EditedConfig(
            Edit(
                rule, replacing: "  - channel: whatsapp\n    template: birthday\n    send_at: \"09:00\"",
                with: "  - channel: whatsapp\n    template: birthday\n    send_at: \"9am\""))
        expectError(config.result, try config.error(rule, at: "\"9am\"", "'9am'", "HH:MM"))
    }

    @Test("send_zone: user without audience.columns.timezone is an error naming the column to declare")
    func userZoneWithoutColumn() throws {
        // The shipped birthday rule says send_zone: user; the tenant without its zone column.
        let config = try EditedConfig(Edit(tenant, replacing: "    timezone: timezone", with: ""))
        expectError(
            config.result,
            try config.error(
                rule, at: "send_zone: user", offset: "send_zone: ".count, "audience.columns.timezone"))
    }

    @Test("quiet hours from == to is an error at 'to'")
    func emptyQuietHours() throws {
        let config = try EditedConfig(
            Edit(
                tenant, replacing: "phone_country: 62",
                with: "phone_country: 62\nquiet_hours: {from: \"21:00\", to: \"21:00\"}"))
        expectError(
            config.result, try config.error(tenant, at: "\"21:00\"", occurrence: 2, "quiet hours", "empty"))
    }

    @Test("a channel's quiet hours with a bad time are reported at the value")
    func channelQuietHours() throws {
        let config = try EditedConfig(
            Edit(
                tenant, replacing: "    rate_limit: 20",
                with: "    rate_limit: 20\n    quiet_hours: {from: \"25:00\", to: \"08:00\"}"))
        expectError(config.result, try config.error(tenant, at: "\"25:00\"", "'25:00'", "HH:MM"))
    }

    @Test("a fallback that is the entry's own channel is an error")
    func fallbackToItself() throws {
        let config = try EditedConfig(
            Edit(
                rule, replacing: "  - channel: whatsapp\n    template: birthday",
                with: "  - channel: whatsapp\n    template: birthday\n    fallback: whatsapp"))
        expectError(
            config.result, try config.error(rule, at: "fallback: whatsapp", offset: 10, "own channel"))
    }

    @Test("a fallback channel the tenant lacks is an error with a suggestion")
    func unknownFallback() throws {
        let config = try EditedConfig(
            Edit(
                rule, replacing: "  - channel: whatsapp\n    template: birthday",
                with: "  - channel: whatsapp\n    template: birthday\n    fallback: emial"))
        expectError(
            config.result,
            try config.error(rule, at: "emial", "unknown fallback channel 'emial'", "did you mean 'email'?"))
    }

    @Test("a frequency cap naming an unknown channel is an error at the name")
    func capUnknownChannel() throws {
        let config = try EditedConfig(
            Edit(
                tenant, replacing: "phone_country: 62",
                with: "phone_country: 62\nfrequency_cap: {messages: 1, per_days: 1, channels: [email, sms]}"))
        expectError(config.result, try config.error(tenant, at: "sms", "unknown channel 'sms'"))
    }
}
