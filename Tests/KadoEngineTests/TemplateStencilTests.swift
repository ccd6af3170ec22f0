import Foundation
import Testing

@testable import KadoEngine

@Suite("Template stencils: per-promo constants rendered once, the same text as Mustache per recipient")
struct TemplateStencilTests {
    static let environment = [
        "KADO_PUBLIC_URL": "https://promo.example.com/", "KADO_UNSUBSCRIBE_SECRET": "secret-0123456789abcdef",
    ]

    /// Names that HTML escaping, control characters, grapheme clusters and first-name
    /// splitting treat differently from plain ones.
    static let names = [
        "Ayu Lestari", "", "<b>O'Brien</b> & \"Co\" A\u{301}<\u{301}> &\u{301}",
        "Line\r\nBreak\tTab\u{85}C1 Zero\u{0}Byte", "  spaced  out 美咲 Tanaka 🎉",
        "Para\u{2028}graph x\u{E000}\u{E101}marker",
    ]

    static let snapshots: [AttributeSnapshot] = [
        AttributeSnapshot(),
        AttributeSnapshot(values: [
            "user.tier": .string("gold"), "user.points": .integer(1278), "trigger.years": .integer(5),
            "user.member_since": .string("2021-03-04"), "user.last_order": .string("2026-01-02"),
        ]),
        AttributeSnapshot(values: [
            "user.tier": .string("<gold & co>"), "user.points": .integer(0), "user.vip": .bool(false),
            "trigger.date": .string("2026-05-10"),
        ]),
        AttributeSnapshot(values: ["user.points": .null, "user.tier": .string("")]),
    ]

    /// Every recipient gets from ``MessageRenderer/message`` (stencils) what Mustache renders
    /// from their full context (``MessageRenderer/render``).
    func expectSameAsMustache(
        _ configuration: Configuration, sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let renderer = try MessageRenderer(configuration: configuration)
        var compared = 0
        for tenant in configuration.tenants {
            let config = tenant.config
            for rule in tenant.rules {
                let terms = PromoTerms(
                    rule: rule, tenant: config, date: LocalDate(year: 2026, month: 5, day: 10))
                for spec in rule.notifications {
                    guard let channel = config.channels[spec.channel],
                        let template = renderer.template(tenant: config.id, name: spec.template)
                    else { continue }
                    for locale in template.config.locales(for: channel.kind) {
                        for (index, name) in Self.names.enumerated() {
                            for snapshot in Self.snapshots {
                                let recipient = TemplateValues.Recipient(
                                    id: 40 + index, name: name, email: "u\(index)@example.com",
                                    phone: "+62812000\(index)", locale: locale)
                                let code = index % 2 == 0 ? "BDAY-ABC<&>\(index)" : "CODE\(index)"
                                let sent = try #require(
                                    renderer.message(
                                        id: 7, tenant: config, ruleID: rule.id, ruleName: rule.name,
                                        channel: channel, template: template, recipient: recipient,
                                        address: "u\(index)@example.com", code: code, terms: terms,
                                        snapshot: snapshot, preferredLocale: locale),
                                    sourceLocation: sourceLocation)
                                var values = TemplateValues(
                                    tenant: config, ruleID: rule.id, ruleName: rule.name, terms: terms,
                                    code: code,
                                    recipient: recipient, locale: locale, snapshot: snapshot)
                                values.unsubscribeURL = config.unsubscribe?.url(
                                    tenantID: config.id, channel: channel.name, userID: recipient.id)
                                let mustache = renderer.render(
                                    template: template, locale: locale, values: values, channel: channel)
                                #expect(
                                    mustache.map { AnyHashable($0) } == AnyHashable(sent.content),
                                    "\(config.id)/\(rule.id)/\(spec.template) \(channel.kind) \(locale) \(name.debugDescription)",
                                    sourceLocation: sourceLocation)
                                compared += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(compared > 100, sourceLocation: sourceLocation)
    }

    @Test("the shipped templates, with and without one-click unsubscribe, for awkward names and attributes")
    func shippedTemplates() throws {
        for environment in [[:], Self.environment] {
            let result = try EditedConfig(environment: environment).result
            try expectSameAsMustache(try #require(result.configuration))
        }
    }

    @Test("sections on constants, on attributes and on objects; markers and HTML in constants")
    func awkwardTemplates() throws {
        var configuration = try #require(try EditedConfig(environment: Self.environment).result.configuration)
        let html = """
            <p>{{#discount.is_percent}}{{discount.percent}} (cap {{discount.cap}}){{/discount.is_percent}}\
            {{^discount.is_percent}}{{discount.amount}}{{/discount.is_percent}} for {{user.name}}</p>
            {{#user.points}}<b>{{user.points}}</b> points, tier {{user.tier}}{{/user.points}}
            {{^user.points}}no points{{/user.points}}{{#user.vip}}VIP{{/user.vip}}{{^user.vip}}not VIP{{/user.vip}}
            {{#user.email}}mail: {{user.email}}{{/user.email}} {{#promo.code}}[{{promo.code}}]{{/promo.code}}
            {{#user}}{{first_name}} via an object section{{/user}} {{! a comment {{user.name}} }}
            {{#trigger.years}}{{trigger.years}} years{{/trigger.years}} {{tenant.name}} {{rule.name}} {{promo.name}}
            {{#unsubscribe_url}}<a href="{{unsubscribe_url}}">{{user.locale}}</a>{{/unsubscribe_url}}
            """
        let text =
            "{{user.first_name}}\r\n{{{user.name}}} {{&user.tier}} {{discount.text}}\n{{promo.valid_until}}"
        for index in configuration.tenants.indices {
            configuration.tenants[index].config.name = "Toko <\u{E000}\u{E100}> & 'Co'"
            for (name, template) in configuration.tenants[index].templates {
                var edited = template
                for locale in edited.locales(for: .email) {
                    edited.variants[.email]?[locale] = TemplateVariant(parts: [
                        TemplatePart(
                            key: "subject", source: "{{user.name}}\n{{discount.text}} {{user.tier}}"),
                        TemplatePart(key: "html", source: html, html: true),
                        TemplatePart(key: "text", source: text),
                    ])
                }
                for locale in edited.locales(for: .whatsapp) {
                    var variant = try #require(edited.variant(.whatsapp, locale: locale))
                    variant.parts =
                        ["{{user.first_name}}", "{{user.points}}", "{{promo.code}}"].map {
                            TemplatePart(key: "parameters", source: $0)
                        } + [TemplatePart(key: "text", source: text)]
                    edited.variants[.whatsapp]?[locale] = variant
                }
                for locale in edited.locales(for: .sms) {
                    edited.variants[.sms]?[locale] = TemplateVariant(parts: [
                        TemplatePart(key: "text", source: text)
                    ])
                }
                configuration.tenants[index].templates[name] = edited
            }
        }
        try expectSameAsMustache(configuration)
    }

    @Test("a plan only where a stencil renders exactly what Mustache does")
    func plans() {
        #expect(
            StencilPlan(sources: [
                "Hi {{user.name}}, {{#discount.is_fixed}}{{discount.amount}}{{/discount.is_fixed}}"
            ]) != nil)
        #expect(
            StencilPlan(sources: ["{{#user.tier}}{{user.tier}}{{/user.tier}} {{trigger.years}}"])?.attributes
                == [
                    "trigger.years", "user.tier",
                ])
        for source in [
            "{{#user}}{{name}}{{/user}}", "{{.}}", "{{> partial}}", "{{=<% %>=}}",
            "{{uppercased(user.name)}}",
            "{{name}}", "{{user.name.first}}", "text with \u{E000} in it", "{{user.name",
        ] {
            #expect(StencilPlan(sources: [source]) == nil, "\(source)")
        }
    }

    @Test(
        "a name's first word: split at white space, ASCII on the bytes, others by characters",
        arguments: [
            ("Budi Santoso", "Budi"), ("  Siti  Aminah ", "Siti"), ("Ana\tMaria", "Ana"),
            ("Jean-Luc\r\nPicard", "Jean-Luc"), ("Cher", "Cher"), ("", ""), ("   ", "   "),
            ("Ðorđe Petrović", "Ðorđe"), ("山田\u{3000}太郎", "山田"), ("\u{00A0}Zoë\u{00A0}", "Zoë"),
            ("Zoë", "Zoë"), ("\u{2003}\u{3000}", "\u{2003}\u{3000}"), ("Ngọc\u{2028}Halim Nguyễn", "Ngọc"),
            ("Indra\u{00A0}García López", "Indra"),
        ])
    func firstName(name: String, first: String) {
        #expect(TemplateValues.firstName(of: name) == first)
    }
}
