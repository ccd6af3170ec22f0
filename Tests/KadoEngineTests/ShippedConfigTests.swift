import Foundation
import KadoEngine
import Testing

/// Loads the shipped config (unchanged) with `environment`, requiring it to be valid.
func loadShipped(
    environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
) throws -> Configuration {
    let result = try loadConfig([], environment: environment, sourceLocation: sourceLocation)
    #expect(result.diagnostics.isEmpty, "\(diagnosticsText(result))", sourceLocation: sourceLocation)
    return try #require(result.configuration, "shipped config did not load", sourceLocation: sourceLocation)
}

@Suite("The shipped rules/ and templates/")
struct ShippedConfigTests {
    @Test("load with zero errors and zero warnings")
    func loadsCleanly() throws {
        let fixture = try ConfigFixture()
        let result = fixture.load()
        #expect(result.errors.isEmpty, "\(diagnosticsText(result))")
        #expect(result.diagnostics.isEmpty, "\(diagnosticsText(result))")
        let configuration = try #require(result.configuration)
        #expect(configuration.tenants.map(\.config.id) == ["lunaria", "sayakaya"])
        #expect(configuration.ruleCount == 6)
        #expect(configuration.templateCount == 6)
    }

    @Test("sayakaya: the seed's birthday campaign")
    func sayakaya() throws {
        let tenant = try #require(try loadShipped().tenant("sayakaya"))
        #expect(tenant.config.name == "SayaKaya")
        #expect(tenant.config.timeZone == "Asia/Jakarta")
        #expect(tenant.config.clock.timeZone.identifier == "Asia/Jakarta")
        #expect(tenant.config.locale == "id-ID")
        #expect(tenant.config.currency == "IDR")
        #expect(tenant.config.audience.table == "users")
        #expect(tenant.config.audience.columns.phone == "phone_number")
        #expect(tenant.config.audience.columns.verified == "verified_status")
        #expect(tenant.config.channels.keys.sorted() == ["email", "whatsapp"])
        #expect(tenant.config.channels["email"]?.sender == "SayaKaya <promo@sayakaya.id>")
        #expect(tenant.config.channels["email"]?.kind == .email)
        #expect(tenant.config.channels["whatsapp"]?.kind == .whatsapp)
        #expect(tenant.config.channels["email"]?.rateLimit == 50)

        #expect(tenant.rules.map(\.id) == ["birthday", "harbolnas"])
        let rule = try #require(tenant.rules.first)
        #expect(rule.id == "birthday")
        #expect(rule.name == "Birthday Special Promo")
        #expect(rule.enabled)
        #expect(rule.verifiedOnly)
        #expect(rule.at == LocalTime(hour: 0, minute: 1))
        #expect(rule.catchUpDays == 0)
        #expect((rule.trigger as? BirthdayTrigger)?.leapDay == .feb28)
        #expect(rule.promoName == "Birthday Special Promo")
        #expect(rule.discount == .fixed(amount: 10000, currency: "IDR"))
        #expect(rule.code.style == .shared)
        #expect(rule.code.prefix == "BDAY-")
        #expect(rule.code.length == 10)
        #expect(rule.code.alphabet == PromoCodeSpec.defaultAlphabet)
        #expect(rule.validityDays == 1)
        #expect(rule.notifications.map(\.channel) == ["email", "whatsapp"])
        #expect(rule.notifications.map(\.template) == ["birthday", "birthday"])
        // Told at 09:00 on each customer's own clock (WIB, WITA, WIT; no zone: the tenant's).
        #expect(tenant.config.audience.columns.timezone == "timezone")
        #expect(rule.sendZone == .user)
        #expect(
            rule.notifications.map(\.sendAt) == [
                LocalTime(hour: 9, minute: 0), LocalTime(hour: 9, minute: 0),
            ])

        let template = try #require(tenant.templates["birthday"])
        #expect(template.locales(for: .email) == ["en-US", "id-ID"])
        #expect(template.locales(for: .whatsapp) == ["en-US", "id-ID"])
        #expect(template.variant(.whatsapp, locale: "id-ID")?.sources("parameters").count == 4)
        #expect(template.variant(.whatsapp, locale: "id-ID")?.literals["name"] == "birthday_promo")
    }

    @Test("lunaria: a percent campaign with personal codes, in a zone with daylight saving")
    func lunaria() throws {
        let tenant = try #require(try loadShipped().tenant("lunaria"))
        #expect(tenant.config.timeZone == "Europe/Amsterdam")
        #expect(tenant.config.locale == "nl-NL")
        #expect(tenant.config.currency == "EUR")
        #expect(tenant.config.audience.table == "members")
        #expect(tenant.config.audience.columns.birthday == "date_of_birth")
        #expect(tenant.config.audience.columns.locale == "preferred_locale")
        #expect(tenant.config.audience.quotedTable == "\"members\"")
        #expect(tenant.config.channels["email"]?.maxAttempts == 6)

        #expect(tenant.rules.map(\.id) == ["anniversary", "birthday-gold", "birthday-week", "winback"])
        let rule = try #require(tenant.rules.first { $0.id == "birthday-week" })
        #expect(rule.at == LocalTime(hour: 9, minute: 0))
        #expect(rule.catchUpDays == 1)
        #expect((rule.trigger as? BirthdayTrigger)?.leapDay == .mar1)
        #expect(rule.discount == .percent(15, cap: 20, currency: "EUR"))
        #expect(rule.code.style == .perUser)
        #expect(rule.code.prefix == "MAAN-")
        #expect(rule.code.length == 12)
        #expect(rule.validityDays == 7)
        #expect(rule.notifications.map(\.channel) == ["email"])
        #expect(tenant.templates["birthday"]?.locales(for: .email) == ["en-US", "nl-NL"])
        #expect(tenant.templates["birthday"]?.supports(.whatsapp) == false)
    }
}

@Suite("The shipped rules engine examples")
struct ShippedRuleExamplesTests {
    @Test(
        "sayakaya harbolnas: every 12-12, 12% capped at Rp50.000, that day only, every verified user, email only"
    )
    func harbolnas() throws {
        let tenant = try #require(try loadShipped().tenant("sayakaya"))
        let rule = try #require(tenant.rules.first { $0.id == "harbolnas" })
        let trigger = try #require(rule.trigger as? DateTrigger)
        #expect(trigger.everyYear == [1212] && trigger.dates.isEmpty)
        #expect(rule.verifiedOnly && rule.conditions.isEmpty && rule.exclusive == nil)
        #expect(rule.discount == .percent(12, cap: 50000, currency: "IDR"))
        #expect(rule.validityDays == 1)
        #expect(rule.notifications.map(\.channel) == ["email"])
        let schedule = RuleSchedule(rule: rule, tenant: tenant.config)
        // After 2026-05-28 the next fire is on 12-12.
        let next = try #require(schedule.nextFire(after: Date(timeIntervalSince1970: 1_780_000_000)))
        #expect(next.date == LocalDate(year: 2026, month: 12, day: 12))
    }

    @Test("lunaria: attributes, and birthday-gold outranking birthday-week in the group 'birthday'")
    func lunariaBirthdays() throws {
        let tenant = try #require(try loadShipped().tenant("lunaria"))
        #expect(
            tenant.config.audience.attributes.map(\.name) == ["tier", "member_since", "last_order", "points"])
        #expect(tenant.config.audience.attribute(named: "member_since")?.type == .date)
        #expect(tenant.config.audience.attribute(named: "points")?.source == .column("loyalty_points"))
        let gold = try #require(tenant.rules.first { $0.id == "birthday-gold" })
        let week = try #require(tenant.rules.first { $0.id == "birthday-week" })
        #expect(gold.exclusive?.group == "birthday" && gold.exclusive?.priority == 20)
        #expect(week.exclusive?.group == "birthday" && week.exclusive?.priority == 10)
        #expect(week.outranking.map(\.ruleID) == ["birthday-gold"])
        #expect(gold.outranking.isEmpty)
        let tier = try #require(tenant.config.audience.attribute(named: "tier"))
        #expect(
            gold.conditions == [
                .comparison(
                    Comparison(attribute: tier, op: .in, values: [.string("gold"), .string("platinum")]))
            ])
        #expect(gold.discount == .percent(25, cap: 40, currency: "EUR"))
        #expect(gold.snapshotVariables == ["user.points", "user.tier"])
        #expect(week.snapshotVariables.isEmpty)
    }

    @Test("lunaria anniversary (1, 5, 10 years of member_since) and winback (60 days after the last order)")
    func lunariaLifecycle() throws {
        let tenant = try #require(try loadShipped().tenant("lunaria"))
        let anniversary = try #require(tenant.rules.first { $0.id == "anniversary" })
        let yearly = try #require(anniversary.trigger as? AnniversaryTrigger)
        #expect(yearly.attribute?.name == "member_since" && yearly.years == [1, 5, 10])
        #expect(anniversary.snapshotVariables == ["trigger.years", "user.member_since"])
        let winback = try #require(tenant.rules.first { $0.id == "winback" })
        let relative = try #require(winback.trigger as? RelativeTrigger)
        #expect(relative.attribute?.name == "last_order" && relative.offset == -60 && !relative.yearly)
        #expect(winback.snapshotVariables == ["trigger.date"])
        // Both fire every day; the birthday rules too.
        for rule in tenant.rules {
            #expect(
                (0..<3).allSatisfy {
                    rule.trigger.audienceCondition(
                        on: LocalDate(year: 2026, month: 3, day: 28 + $0), source: tenant.config.audience)
                        != nil
                }, "\(rule.id)")
        }
    }
}

@Suite("The provider a channel uses follows the environment")
struct ProviderSelectionTests {
    private func channel(_ name: String, tenant: String = "sayakaya", _ environment: [String: String]) throws
        -> ChannelConfig
    {
        let configuration = try loadShipped(environment: environment)
        return try #require(configuration.tenant(tenant)?.config.channels[name])
    }

    @Test("SMTP_URL set: email goes over SMTP")
    func smtp() throws {
        let email = try channel("email", ["SMTP_URL": "smtp://127.0.0.1:2525", "MAILTRAP_API_TOKEN": "tok"])
        let smtp = try #require(email.provider as? SMTPProvider)
        #expect(smtp.url == "smtp://127.0.0.1:2525")
        #expect(smtp.tls == .auto)
        #expect(email.provider.summary == "SMTP smtp://127.0.0.1:2525")
    }

    @Test("only MAILTRAP_API_TOKEN set: email goes through Mailtrap")
    func mailtrap() throws {
        let email = try channel("email", ["MAILTRAP_API_TOKEN": "tok-123"])
        let mailtrap = try #require(email.provider as? MailtrapProvider)
        #expect(mailtrap.token == "tok-123")
        #expect(mailtrap.url == MailtrapProvider.defaultURL)
        #expect(!email.provider.summary.contains("tok-123"))
    }

    @Test("SMTP_URL set but empty falls through like unset")
    func emptySMTP() throws {
        let email = try channel("email", ["SMTP_URL": "", "MAILTRAP_API_TOKEN": "tok"])
        #expect(email.provider is MailtrapProvider)
    }

    @Test("neither set: email and WhatsApp are written to KADO_OUTBOX", arguments: ["email", "whatsapp"])
    func fileOutbox(name: String) throws {
        let used = try channel(name, ["KADO_OUTBOX": "/var/spool/kado-outbox"])
        let file = try #require(used.provider as? FileProvider)
        #expect(file.directory == "/var/spool/kado-outbox")
    }

    @Test("neither set and no KADO_OUTBOX: ./outbox")
    func defaultOutbox() throws {
        let email = try channel("email", [:])
        #expect((email.provider as? FileProvider)?.directory == "./outbox")
    }

    @Test("WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID: the Cloud API at its default base")
    func whatsappCloud() throws {
        let whatsapp = try channel(
            "whatsapp", ["WHATSAPP_TOKEN": "wa-token", "WHATSAPP_PHONE_NUMBER_ID": "10987"])
        let cloud = try #require(whatsapp.provider as? WhatsAppCloudProvider)
        #expect(cloud.token == "wa-token")
        #expect(cloud.phoneNumberID == "10987")
        #expect(cloud.baseURL == "https://graph.facebook.com/v21.0")
    }

    @Test("WHATSAPP_API_URL overrides the Cloud API base")
    func whatsappBase() throws {
        let whatsapp = try channel(
            "whatsapp",
            [
                "WHATSAPP_TOKEN": "t", "WHATSAPP_PHONE_NUMBER_ID": "1",
                "WHATSAPP_API_URL": "http://127.0.0.1:8089/v1",
            ])
        #expect((whatsapp.provider as? WhatsAppCloudProvider)?.baseURL == "http://127.0.0.1:8089/v1")
    }

    @Test(
        "a token without a phone number id is not enough",
        arguments: [["WHATSAPP_TOKEN": "t"], ["WHATSAPP_PHONE_NUMBER_ID": "1"]])
    func whatsappIncomplete(environment: [String: String]) throws {
        let whatsapp = try channel("whatsapp", environment.merging(["KADO_OUTBOX": "/out"]) { a, _ in a })
        #expect((whatsapp.provider as? FileProvider)?.directory == "/out")
    }

    @Test("the email channel never takes a WhatsApp provider")
    func emailIgnoresWhatsApp() throws {
        let email = try channel("email", ["WHATSAPP_TOKEN": "t", "WHATSAPP_PHONE_NUMBER_ID": "1"])
        #expect(email.provider is FileProvider)
    }

    @Test("lunaria has its own SMTP variable")
    func lunariaSMTP() throws {
        let email = try channel(
            "email", tenant: "lunaria",
            ["LUNARIA_SMTP_URL": "smtps://u:p@mail.example:465", "SMTP_URL": "smtp://x:1"])
        #expect((email.provider as? SMTPProvider)?.url == "smtps://u:p@mail.example:465")
        #expect(email.provider.summary == "SMTP smtps://***@mail.example:465")
    }

    @Test("an SMTP URL with the wrong scheme is an error at the variable's value")
    func badSMTPURL() throws {
        let config = try EditedConfig([], environment: ["SMTP_URL": "http://127.0.0.1:2525"])
        expectError(
            config.result,
            try config.error(
                "rules/sayakaya/tenant.yaml", at: "${SMTP_URL:-}", "'channels.email.providers[0].url'",
                "smtp://"))
    }
}
