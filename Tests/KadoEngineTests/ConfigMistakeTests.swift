import KadoEngine
import Testing

private let sayakayaRule = "rules/sayakaya/birthday.yaml"
private let sayakayaTenant = "rules/sayakaya/tenant.yaml"
private let sayakayaTemplate = "templates/sayakaya/birthday.yaml"
private let lunariaRule = "rules/lunaria/birthday.yaml"
private let lunariaTenant = "rules/lunaria/tenant.yaml"
private let lunariaTemplate = "templates/lunaria/birthday.yaml"

/// The sayakaya whatsapp channel's providers block, as shipped.
private let whatsappProviders = """
        providers:
          - plugin: whatsapp_cloud
            token: ${WHATSAPP_TOKEN:-}
            phone_number_id: ${WHATSAPP_PHONE_NUMBER_ID:-}
            base_url: ${WHATSAPP_API_URL:-https://graph.facebook.com/v21.0}
          - plugin: file
            dir: ${KADO_OUTBOX:-./outbox}
    """

/// One mistake marketing might make in the shipped config, and the error they should see, by
/// the text it points at in the edited file.
struct Mistake: Sendable, CustomTestStringConvertible {
    var name: String
    var edits: [Edit]
    var expected: ExpectedErrorAt
    /// Other errors the same mistake rightly causes (a misspelt required key is also missing).
    var also: [ExpectedErrorAt]

    init(_ name: String, _ edit: Edit, _ expected: ExpectedErrorAt, also: [ExpectedErrorAt] = []) {
        self.name = name
        self.edits = [edit]
        self.expected = expected
        self.also = also
    }

    /// Loads the edited config and checks that exactly the expected errors are reported.
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let config = try EditedConfig(edits, sourceLocation: sourceLocation)
        let result = config.result
        expectError(
            result, try config.error(expected, sourceLocation: sourceLocation), alone: also.isEmpty,
            sourceLocation: sourceLocation)
        for other in also {
            expectError(
                result, try config.error(other, sourceLocation: sourceLocation), alone: false,
                sourceLocation: sourceLocation)
        }
        if !also.isEmpty {
            #expect(
                result.errors.count == 1 + also.count, "\(diagnosticsText(result))",
                sourceLocation: sourceLocation)
        }
    }

    var testDescription: String { name }
}

@Suite("Config mistakes are reported at the offending key or value")
struct ConfigMistakeTests {
    static let unknownKeys: [Mistake] = [
        Mistake(
            "top-level key", Edit(sayakayaRule, replacing: "enabled: true", with: "enabeld: true"),
            ExpectedErrorAt(sayakayaRule, at: "enabeld", "unknown key 'enabeld'", "did you mean 'enabled'?")),
        Mistake(
            "trigger setting", Edit(sayakayaRule, replacing: "  leap_day: feb28", with: "  leapday: feb28"),
            ExpectedErrorAt(
                sayakayaRule, at: "leapday", "unknown key 'leapday'", "in 'trigger'",
                "did you mean 'leap_day'?")),
        Mistake(
            "tenant key", Edit(lunariaTenant, replacing: "currency: EUR", with: "curency: EUR"),
            ExpectedErrorAt(
                lunariaTenant, at: "curency", "unknown key 'curency'", "did you mean 'currency'?"),
            also: [ExpectedErrorAt(lunariaTenant, at: "id: lunaria", "missing required key 'currency'")]),
        Mistake(
            "provider setting",
            Edit(sayakayaTenant, replacing: "        url: ${SMTP_URL:-}", with: "        ulr: ${SMTP_URL:-}"),
            ExpectedErrorAt(sayakayaTenant, at: "ulr", "unknown key 'ulr'", "did you mean 'url'?"),
            also: [
                ExpectedErrorAt(
                    sayakayaTenant, at: "plugin: smtp",
                    "missing required key 'channels.email.providers[0].url'")
            ]),
    ]

    @Test("unknown keys, with a suggestion", arguments: unknownKeys)
    func unknownKey(mistake: Mistake) throws {
        try mistake.check()
    }

    static let wrongTypes: [Mistake] = [
        Mistake(
            "quoted boolean", Edit(sayakayaRule, replacing: "enabled: true", with: "enabled: \"yes\""),
            ExpectedErrorAt(sayakayaRule, at: "\"yes\"", "'enabled' must be true or false", "found a string")),
        Mistake(
            "word for a number", Edit(sayakayaRule, replacing: "length: 10", with: "length: ten"),
            ExpectedErrorAt(
                sayakayaRule, at: "length: ten", offset: 8, "'promo.code.length' must be a whole number",
                "found a string")),
        Mistake(
            "scalar for a list",
            Edit(sayakayaTenant, replacing: whatsappProviders, with: "    providers: whatsapp_cloud"),
            ExpectedErrorAt(
                sayakayaTenant, at: "whatsapp_cloud", "'channels.whatsapp.providers' must be a list",
                "found a string")),
        Mistake(
            "list for a string", Edit(lunariaTenant, replacing: "name: Lunaria", with: "name: [Lunaria]"),
            ExpectedErrorAt(lunariaTenant, at: "[Lunaria]", "'name' must be a string", "found a list")),
        Mistake(
            "string for a percent", Edit(lunariaRule, replacing: "percent: 15", with: "percent: 15%"),
            ExpectedErrorAt(
                lunariaRule, at: "percent: 15%", offset: 9, "'discount.percent' must be a number",
                "found a string")),
    ]

    @Test("values of the wrong type", arguments: wrongTypes)
    func wrongType(mistake: Mistake) throws {
        try mistake.check()
    }

    static let malformed: [Mistake] = [
        Mistake(
            // The file's last quoted value, so the quote runs to the end of the file.
            "unclosed quote",
            Edit(
                sayakayaRule, replacing: "whatsapp\n    template: birthday\n    send_at: \"09:00\"",
                with: "whatsapp\n    template: birthday\n    send_at: \"09:00"),
            ExpectedErrorAt(sayakayaRule, at: "\"09:00", occurrence: 2, "malformed YAML", "quoted scalar")),
        Mistake(
            "tab indentation", Edit(sayakayaRule, replacing: "  leap_day: feb28", with: "\tleap_day: feb28"),
            ExpectedErrorAt(sayakayaRule, at: "\tleap_day", "malformed YAML", "cannot start any token")),
        Mistake(
            "bad indentation", Edit(sayakayaRule, replacing: "  leap_day: feb28", with: "   leap_day: feb28"),
            ExpectedErrorAt(sayakayaRule, at: "leap_day", "malformed YAML", "block mapping")),
        Mistake(
            "list item out of line",
            Edit(
                sayakayaRule, replacing: "  - channel: whatsapp\n    template",
                with: "  - channel: whatsapp\n   template"),
            ExpectedErrorAt(sayakayaRule, at: "template: birthday", occurrence: 2, "malformed YAML")),
    ]

    @Test("malformed YAML", arguments: malformed)
    func malformedYAML(mistake: Mistake) throws {
        try mistake.check()
    }

    static let duplicates: [Mistake] = [
        Mistake(
            "top level", Edit(sayakayaRule, replacing: "enabled: true", with: "enabled: true\nname: Other"),
            ExpectedErrorAt(
                sayakayaRule, at: "name:", occurrence: 2, "duplicate key 'name'",
                .line("first defined at line ", of: "name:"))),
        Mistake(
            "nested", Edit(sayakayaRule, replacing: "validity:\n", with: "validity:\n  days: 2\n"),
            ExpectedErrorAt(
                sayakayaRule, at: "days:", occurrence: 2, "duplicate key 'days'",
                .line("first defined at line ", of: "days:"))),
        Mistake(
            "channel setting",
            Edit(
                sayakayaTenant, replacing: "    rate_limit: 50\n",
                with: "    rate_limit: 50\n    rate_limit: 10\n"),
            ExpectedErrorAt(
                sayakayaTenant, at: "rate_limit:", occurrence: 2, "duplicate key 'rate_limit'",
                .line("first defined at line ", of: "rate_limit:"))),
    ]

    @Test("duplicate keys, at the second key", arguments: duplicates)
    func duplicateKey(mistake: Mistake) throws {
        try mistake.check()
    }

    @Test("a time that is not HH:MM", arguments: ["\"25:00\"", "\"7:30\"", "\"24:00\"", "\"00:60\"", "0:01"])
    func badTime(value: String) throws {
        let config = try EditedConfig(Edit(sayakayaRule, replacing: "at: \"00:01\"", with: "at: \(value)"))
        let shown = value.replacing("\"", with: "")
        expectError(
            config.result,
            try config.error(
                sayakayaRule, at: "at: \(value)", offset: 4, "'trigger.at'", "'\(shown)'", "HH:MM"))
    }

    @Test("an unknown time zone, with a suggestion")
    func unknownTimeZone() throws {
        let config = try EditedConfig(Edit(sayakayaTenant, replacing: "Asia/Jakarta", with: "Asia/Jakrta"))
        expectError(
            config.result,
            try config.error(
                sayakayaTenant, at: "Asia/Jakrta", "unknown time zone 'Asia/Jakrta'",
                "did you mean 'Asia/Jakarta'?"))
    }

    @Test("a zone abbreviation is not accepted")
    func zoneAbbreviation() throws {
        let config = try EditedConfig(Edit(lunariaTenant, replacing: "Europe/Amsterdam", with: "CET"))
        expectError(
            config.result,
            try config.error(
                lunariaTenant, at: "timezone: CET", offset: 10, "unknown time zone 'CET'", "IANA"))
    }

    @Test("an unknown trigger plugin")
    func unknownTrigger() throws {
        let config = try EditedConfig(
            Edit(sayakayaRule, replacing: "plugin: birthday", with: "plugin: birthdya"))
        expectError(
            config.result,
            try config.error(
                sayakayaRule, at: "birthdya", "unknown plugin 'birthdya'", "did you mean 'birthday'?",
                "available: birthday"))
    }

    @Test("an unknown provider plugin")
    func unknownProvider() throws {
        let config = try EditedConfig(
            Edit(sayakayaTenant, replacing: "plugin: mailtrap", with: "plugin: mailtrp"))
        expectError(
            config.result,
            try config.error(
                sayakayaTenant, at: "mailtrp", "unknown plugin 'mailtrp'", "did you mean 'mailtrap'?", "smtp",
                "file"))
    }

    @Test("a provider that cannot deliver the channel's kind")
    func providerOfWrongKind() throws {
        let config = try EditedConfig(
            Edit(sayakayaTenant, replacing: "plugin: mailtrap", with: "plugin: whatsapp_cloud"))
        // The first whatsapp_cloud is the edited email provider; the whatsapp channel's comes later.
        let diagnostic = expectError(
            config.result,
            try config.error(sayakayaTenant, at: "whatsapp_cloud", "'whatsapp_cloud' cannot deliver email"),
            alone: false)
        #expect(diagnostic != nil)
    }

    @Test("an unknown channel in notify")
    func unknownChannel() throws {
        let config = try EditedConfig(
            Edit(sayakayaRule, replacing: "  - channel: whatsapp", with: "  - channel: whatsap"))
        expectError(
            config.result,
            try config.error(
                sayakayaRule, at: "channel: whatsap", offset: 9, "unknown channel 'whatsap'",
                "did you mean 'whatsapp'?", "email, whatsapp"))
    }

    @Test("a channel the other tenant has is unknown here")
    func channelOfOtherTenant() throws {
        let config = try EditedConfig(
            Edit(lunariaRule, replacing: "  - channel: email", with: "  - channel: whatsapp"))
        expectError(
            config.result,
            try config.error(
                lunariaRule, at: "channel: whatsapp", offset: 9, "unknown channel 'whatsapp'",
                "'lunaria' defines: email"))
    }

    @Test("a percent outside (0, 100]", arguments: ["0", "150", "-3", "100.5"])
    func percentOutOfRange(value: String) throws {
        let config = try EditedConfig(Edit(lunariaRule, replacing: "percent: 15", with: "percent: \(value)"))
        expectError(
            config.result,
            try config.error(
                lunariaRule, at: "percent: \(value)", offset: 9, "'discount.percent' must be in (0, 100]",
                "got \(value)"))
    }

    @Test("a percent of exactly 100 is allowed")
    func percentHundred() throws {
        let result = try loadConfig(Edit(lunariaRule, replacing: "percent: 15", with: "percent: 100"))
        #expect(result.errors.isEmpty, "\(diagnosticsText(result))")
    }

    @Test("a fixed amount that is not positive", arguments: ["0", "-5"])
    func nonPositiveAmount(value: String) throws {
        let config = try EditedConfig(
            Edit(sayakayaRule, replacing: "amount: 10000", with: "amount: \(value)"))
        expectError(
            config.result,
            try config.error(
                sayakayaRule, at: "amount: \(value)", offset: 8, "'discount.amount' must be at least 1",
                "got \(value)"))
    }

    @Test("a cap on a fixed discount")
    func capOnFixed() throws {
        let config = try EditedConfig(
            Edit(sayakayaRule, replacing: "amount: 10000", with: "amount: 10000\n  cap: 5"))
        expectError(
            config.result,
            try config.error(sayakayaRule, at: "cap: 5", offset: 5, "'cap' applies to percent discounts only")
        )
    }

    @Test("validity days that are not positive", arguments: ["0", "-1"])
    func nonPositiveValidity(value: String) throws {
        let config = try EditedConfig(Edit(sayakayaRule, replacing: "  days: 1 ", with: "  days: \(value) "))
        expectError(
            config.result,
            try config.error(
                sayakayaRule, at: "days: \(value)", offset: 6, "'validity.days' must be at least 1",
                "got \(value)"))
    }

    @Test("a code with fewer than 40 random bits")
    func weakCode() throws {
        let config = try EditedConfig(Edit(sayakayaRule, replacing: "length: 10", with: "length: 6"))
        expectError(
            config.result,
            try config.error(
                sayakayaRule, at: "length: 6", offset: 8, "29 bits", "fewer than 40", "use length 9 or more"))
    }

    @Test("an alphabet with look-alike characters")
    func lookAlikeAlphabet() throws {
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        let config = try EditedConfig(
            Edit(sayakayaRule, replacing: "length: 10", with: "length: 10\n    alphabet: \(alphabet)"))
        let diagnostic = expectError(
            config.result, try config.error(sayakayaRule, at: alphabet, "look-alike"))
        for character in ["'0'", "'O'", "'1'", "'I'", "'L'"] {
            #expect(diagnostic?.message.contains(character) == true, "\(character) not named")
        }
    }

    @Test("a missing template, with a suggestion")
    func missingTemplate() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaRule, replacing: "  - channel: whatsapp\n    template: birthday",
                with: "  - channel: whatsapp\n    template: birthdy"))
        expectError(
            config.result,
            try config.error(
                sayakayaRule, at: "template: birthdy", offset: 10, "template 'birthdy' not found",
                "templates/sayakaya/birthdy.yaml", "did you mean 'birthday'?"))
    }

    @Test("a template variable that does not exist, at the tag inside a block scalar")
    func unknownTemplateVariable() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTemplate,
                replacing: "Hai {{user.name}}, {{tenant.name}} punya hadiah kecil untukmu:\n",
                with: "Hai {{user.nmae}}, {{tenant.name}} punya hadiah kecil untukmu:\n"))
        expectError(
            config.result,
            try config.error(
                sayakayaTemplate, at: "{{user.nmae}}", "unknown template variable 'user.nmae'",
                "did you mean 'user.name'?"))
    }

    @Test("a template variable in a quoted subject and in a WhatsApp parameter")
    func unknownVariableInSubjectAndParameter() throws {
        let config = try EditedConfig(
            Edit(lunariaTemplate, replacing: "off all week\"", with: "off all {{promo.wek}}\""),
            Edit(
                sayakayaTemplate,
                replacing:
                    "name: birthday_promo\n    language: en_US\n    parameters:\n      - \"{{user.first_name}}\"",
                with:
                    "name: birthday_promo\n    language: en_US\n    parameters:\n      - \"{{user.firstname}}\""
            ))
        expectError(
            config.result,
            try config.error(lunariaTemplate, at: "{{promo.wek}}", "unknown template variable 'promo.wek'"),
            alone: false)
        expectError(
            config.result,
            try config.error(
                sayakayaTemplate, at: "{{user.firstname}}", "'user.firstname'",
                "did you mean 'user.first_name'?"),
            alone: false)
        #expect(config.result.errors.count == 2, "\(diagnosticsText(config.result))")
    }

    @Test("an unclosed section")
    func unclosedSection() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTemplate,
                replacing: "      Berlaku sampai {{promo.valid_until}}.\n      {{#unsubscribe_url}}",
                with:
                    "      {{#discount.is_fixed}}Berlaku sampai {{promo.valid_until}}.\n      {{#unsubscribe_url}}"
            ))
        expectError(
            config.result,
            try config.error(
                sayakayaTemplate, at: "{{#discount.is_fixed}}", "section 'discount.is_fixed' is never closed",
                "{{/discount.is_fixed}}"))
    }

    @Test("a rule that uses another tenant's template")
    func otherTenantsTemplate() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaRule, replacing: "  - channel: email\n    template: birthday",
                with: "  - channel: email\n    template: lunaria/birthday"))
        expectError(
            config.result,
            try config.error(
                sayakayaRule, at: "lunaria/birthday", "'lunaria/birthday' belongs to tenant 'lunaria'",
                "templates/sayakaya/"))
    }

    @Test("the own tenant's prefix is allowed")
    func ownTenantPrefix() throws {
        let result = try loadConfig(
            Edit(
                sayakayaRule, replacing: "  - channel: email\n    template: birthday",
                with: "  - channel: email\n    template: sayakaya/birthday"))
        #expect(result.errors.isEmpty, "\(diagnosticsText(result))")
    }

    @Test("duplicate rule ids across two files: the second file is reported, naming the first")
    func duplicateRuleID() throws {
        let fixture = try ConfigFixture()
        try fixture.apply(.create("rules/sayakaya/birthday2.yaml", try fixture.text(of: sayakayaRule)))
        let result = fixture.load()
        let copy = "rules/sayakaya/birthday2.yaml"
        let diagnostic = expectError(
            result, try fixture.error(copy, at: "id: birthday", offset: 4, "duplicate rule id 'birthday'"))
        let first = try fixture.position(of: "id: birthday", in: sayakayaRule).line
        #expect(diagnostic?.message.contains("\(fixture.rules.path)/sayakaya/birthday.yaml:\(first)") == true)
    }

    @Test("the same rule id in two tenants is fine")
    func sameIDInTwoTenants() throws {
        let result = try loadConfig(Edit(lunariaRule, replacing: "id: birthday-week", with: "id: birthday"))
        #expect(result.errors.isEmpty, "\(diagnosticsText(result))")
    }

    static let missingKeys: [Mistake] = [
        Mistake(
            "rule name",
            Edit(sayakayaRule, replacing: "name: Birthday Special Promo\nenabled", with: "enabled"),
            ExpectedErrorAt(sayakayaRule, at: "id: birthday", "missing required key 'name'")),
        Mistake(
            "discount type", Edit(sayakayaRule, replacing: "  type: fixed\n", with: ""),
            ExpectedErrorAt(sayakayaRule, at: "amount: 10000", "missing required key 'discount.type'")),
        Mistake(
            "trigger time", Edit(lunariaRule, replacing: "  at: \"09:00\"\n", with: ""),
            ExpectedErrorAt(lunariaRule, at: "plugin: birthday", "missing required key 'trigger.at'")),
        Mistake(
            "tenant currency", Edit(lunariaTenant, replacing: "currency: EUR\n", with: ""),
            ExpectedErrorAt(lunariaTenant, at: "id: lunaria", "missing required key 'currency'")),
        Mistake(
            "notify template", Edit(lunariaRule, replacing: "    template: birthday", with: ""),
            ExpectedErrorAt(lunariaRule, at: "channel: email", "missing required key 'notify[0].template'")),
    ]

    @Test("a missing required key, at the mapping that lacks it", arguments: missingKeys)
    func missingKey(mistake: Mistake) throws {
        try mistake.check()
    }

    @Test("an unset ${VAR} without a default, at the ${ inside the value")
    func unsetVariable() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTenant, replacing: "token: ${MAILTRAP_API_TOKEN:-}",
                with: "token: Bearer-${MAILTRAP_TOKEN}"))
        expectError(
            config.result,
            try config.error(
                sayakayaTenant, at: "${MAILTRAP_TOKEN}", "environment variable 'MAILTRAP_TOKEN' is not set",
                "${MAILTRAP_TOKEN:-default}"))
    }

    @Test("an unset ${VAR} that is the whole value")
    func unsetWholeValue() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTenant, replacing: "sender: ${EMAIL_SENDER:-SayaKaya <promo@sayakaya.id>}",
                with: "sender: ${EMAIL_SENDER}"))
        // Reading the then-empty sender also complains at the same place; the first word is the cause.
        let expected = try config.error(
            sayakayaTenant, at: "${EMAIL_SENDER}", "environment variable 'EMAIL_SENDER' is not set")
        expectError(config.result, expected, alone: false)
        #expect(
            config.result.errors.allSatisfy {
                $0.mark.line == expected.line && $0.mark.file.hasSuffix(sayakayaTenant)
            },
            "\(diagnosticsText(config.result))")
    }

    @Test("the variable is found in the environment given to the loader")
    func setVariable() throws {
        let result = try loadConfig(
            Edit(
                sayakayaTenant, replacing: "sender: ${EMAIL_SENDER:-SayaKaya <promo@sayakaya.id>}",
                with: "sender: ${EMAIL_SENDER}"),
            environment: ["EMAIL_SENDER": "Promo <p@example.com>"])
        #expect(result.errors.isEmpty, "\(diagnosticsText(result))")
        #expect(
            result.configuration?.tenant("sayakaya")?.config.channels["email"]?.sender
                == "Promo <p@example.com>")
    }

    @Test("a tenant id that does not match its folder")
    func tenantIDMismatch() throws {
        let config = try EditedConfig(Edit(sayakayaTenant, replacing: "id: sayakaya", with: "id: sayakya"))
        expectError(
            config.result,
            try config.error(
                sayakayaTenant, at: "id: sayakya", offset: 4,
                "tenant id 'sayakya' does not match its folder 'rules/sayakaya/'"))
    }

    @Test("a template without a variant for the tenant's locale, at the section")
    func missingLocaleVariant() throws {
        let config = try EditedConfig(
            Edit(lunariaTemplate, replacing: "email:\n  nl-NL:", with: "email:\n  nl-BE:"))
        expectError(
            config.result,
            try config.error(
                lunariaTemplate, at: "email:", "no email variant for its default locale 'nl-NL'",
                "has: en-US, nl-BE"))
    }

    @Test("a tenant locale no template provides is reported in each template section")
    func tenantLocaleWithoutTemplates() throws {
        let config = try EditedConfig(Edit(sayakayaTenant, replacing: "locale: id-ID", with: "locale: ms-MY"))
        let harbolnasTemplate = "templates/sayakaya/harbolnas.yaml"
        expectError(
            config.result, try config.error(sayakayaTemplate, at: "email:", "no email variant", "'ms-MY'"),
            alone: false)
        expectError(
            config.result,
            try config.error(sayakayaTemplate, at: "whatsapp:", "no whatsapp variant", "'ms-MY'"),
            alone: false)
        expectError(
            config.result, try config.error(harbolnasTemplate, at: "email:", "no email variant", "'ms-MY'"),
            alone: false)
        #expect(config.result.errors.count == 3, "\(diagnosticsText(config.result))")
    }

    @Test("a template's own default_locale overrides the tenant's")
    func templateDefaultLocale() throws {
        let result = try loadConfig(
            Edit(lunariaTemplate, replacing: "email:\n  nl-NL:", with: "email:\n  nl-BE:"),
            Edit(lunariaTemplate, replacing: "sms:\n  nl-NL:", with: "sms:\n  nl-BE:"),
            Edit(lunariaTemplate, replacing: "\nemail:", with: "\ndefault_locale: nl-BE\nemail:"))
        #expect(result.errors.isEmpty, "\(diagnosticsText(result))")
    }

    @Test("a template for a WhatsApp channel without a whatsapp section")
    func templateWithoutSection() throws {
        let config = try EditedConfig(
            Edit(
                lunariaTenant, replacing: "channels:\n",
                with: "channels:\n  whatsapp:\n    providers:\n      - plugin: file\n"),
            Edit(
                lunariaRule, replacing: "    template: birthday",
                with: "    template: birthday\n  - channel: whatsapp\n    template: birthday"))
        // The second `template: birthday`, the one under the new whatsapp notify.
        expectError(
            config.result,
            try config.error(
                lunariaRule, at: "template: birthday", occurrence: 2, offset: 10,
                "template 'birthday' has no 'whatsapp' section"))
    }

    @Test("an empty rule file")
    func emptyFile() throws {
        let result = try loadConfig(.create("rules/sayakaya/empty.yaml", "# nothing yet\n"))
        expectError(result, ExpectedError("rules/sayakaya/empty.yaml", 1, 1, "file is empty"))
    }

    @Test("a rule file that is a list")
    func listFile() throws {
        let result = try loadConfig(.create("rules/sayakaya/list.yaml", "\n- id: x\n"))
        expectError(
            result, ExpectedError("rules/sayakaya/list.yaml", 2, 1, "expected a mapping", "found a list"))
    }

    @Test("a tenant folder without tenant.yaml")
    func missingTenantFile() throws {
        let fixture = try ConfigFixture()
        try fixture.apply(.create("rules/acme/promo.yaml", try fixture.text(of: sayakayaRule)))
        let result = fixture.load()
        // The file does not exist: the error is at its start.
        expectError(result, ExpectedError("rules/acme/tenant.yaml", 1, 1, "missing tenant file", "'acme'"))
    }

    @Test("two mistakes in two files are both reported in one load")
    func twoFiles() throws {
        let config = try EditedConfig(
            Edit(sayakayaRule, replacing: "enabled: true", with: "enabled: \"yes\""),
            Edit(lunariaTenant, replacing: "Europe/Amsterdam", with: "Europe/Amsterdm"))
        expectError(
            config.result, try config.error(sayakayaRule, at: "\"yes\"", "'enabled' must be true or false"),
            alone: false)
        expectError(
            config.result,
            try config.error(
                lunariaTenant, at: "Europe/Amsterdm", "unknown time zone", "did you mean 'Europe/Amsterdam'?"),
            alone: false)
        #expect(config.result.errors.count == 2, "\(diagnosticsText(config.result))")
        // Sorted by file, line, column as printed.
        #expect(config.result.diagnostics.map(\.mark) == config.result.diagnostics.map(\.mark).sorted())
    }

    @Test("many mistakes in one file are all reported")
    func manyInOneFile() throws {
        let config = try EditedConfig(
            Edit(sayakayaRule, replacing: "enabled: true", with: "enabled: \"yes\""),
            Edit(sayakayaRule, replacing: "plugin: birthday", with: "plugin: bday"),
            Edit(sayakayaRule, replacing: "length: 10", with: "length: 6"),
            Edit(sayakayaRule, replacing: "amount: 10000", with: "amount: 0"),
            Edit(sayakayaRule, replacing: "  days: 1 ", with: "  days: 0 "),
            Edit(sayakayaRule, replacing: "  - channel: whatsapp", with: "  - channel: sms"))
        let expected = [
            try config.error(sayakayaRule, at: "\"yes\"", "'enabled' must be true or false"),
            try config.error(sayakayaRule, at: "plugin: bday", offset: 8, "unknown plugin 'bday'"),
            try config.error(sayakayaRule, at: "length: 6", offset: 8, "fewer than 40"),
            try config.error(
                sayakayaRule, at: "amount: 0", offset: 8, "'discount.amount' must be at least 1"),
            try config.error(sayakayaRule, at: "days: 0", offset: 6, "'validity.days' must be at least 1"),
            try config.error(sayakayaRule, at: "channel: sms", offset: 9, "unknown channel 'sms'"),
        ]
        for error in expected { expectError(config.result, error, alone: false) }
        #expect(config.result.errors.count == expected.count, "\(diagnosticsText(config.result))")
    }
}
