import KadoEngine
import Testing

private let sayakayaTemplate = "templates/sayakaya/birthday.yaml"
private let lunariaTemplate = "templates/lunaria/birthday.yaml"

@Suite("Template mistakes are reported at the tag's own line and column")
struct ConfigTemplateLintTests {
    @Test("an unbalanced {{promo.code} inside an html block scalar, at its own line")
    func unbalancedInBlock() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTemplate,
                replacing: "Kode promo: <strong style=\"font-size: 1.4em\">{{promo.code}}</strong>",
                with: "Kode promo: <strong style=\"font-size: 1.4em\">{{promo.code}</strong>"))
        expectError(
            config.result,
            try config.error(
                sayakayaTemplate, at: "{{promo.code}</strong>",
                "unclosed tag: '{{promo.code}' is missing '}}'"))
    }

    @Test("an unclosed tag at the end of a text block, at its own line")
    func unclosedAtEnd() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTemplate, replacing: "      {{/unsubscribe_url}}\n  en-US:",
                with: "      {{/unsubscribe_url\n  en-US:"))
        // The tag is the footer section's end, so the section is reported unclosed too.
        expectError(
            config.result,
            try config.error(
                sayakayaTemplate, at: "{{/unsubscribe_url", occurrence: 2, "unclosed tag: missing '}}'"),
            alone: false)
        #expect(config.result.errors.count == 2)
    }

    @Test("an unknown variable in a folded (>) block, at its own line")
    func unknownInFoldedBlock() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTemplate,
                replacing:
                    "    text: |\n      Happy birthday, {{user.first_name}}! 🎉 Enjoy {{discount.text}} off",
                with:
                    "    text: >-\n      Happy birthday,\n      {{user.frist_name}}! 🎉 Enjoy {{discount.text}} off"
            ))
        expectError(
            config.result,
            try config.error(
                sayakayaTemplate, at: "{{user.frist_name}}", "unknown template variable 'user.frist_name'",
                "did you mean 'user.first_name'?"))
    }

    @Test("an unknown variable after escapes in a double-quoted subject, at the tag")
    func unknownAfterEscapes() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTemplate,
                replacing: "subject: \"Happy birthday, {{user.first_name}}! Here is {{discount.text}} off\"",
                with:
                    "subject: \"\\u2605 \\\"Happy\\\" birthday,\\t{{user.first_name}}! Here is {{discount.txt}} off\""
            ))
        expectError(
            config.result,
            try config.error(
                sayakayaTemplate, at: "{{discount.txt}}", "unknown template variable 'discount.txt'"))
    }

    @Test("a tag in a block scalar whose text went through ${VAR}, at the tag")
    func afterInterpolation() throws {
        let config = try EditedConfig(
            Edit(
                lunariaTemplate, replacing: "    text: |\n      Happy birthday,",
                with: "    text: |\n      ${GREETING:-Hallo} {{user.nmae}}\n      Happy birthday,"
            ))
        expectError(
            config.result, try config.error(lunariaTemplate, at: "{{user.nmae}}", "unknown template variable")
        )
    }

    @Test(
        "{{{var}}} and {{& var}} in an html body are errors at the tag",
        arguments: ["{{{promo.code}}}", "{{& promo.code}}", "{{&promo.code}}"])
    func unescapedInHTML(tag: String) throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTemplate,
                replacing: "Promo code: <strong style=\"font-size: 1.4em\">{{promo.code}}</strong>",
                with: "Promo code: <strong style=\"font-size: 1.4em\">\(tag)</strong>"))
        let diagnostic = expectError(
            config.result,
            try config.error(sayakayaTemplate, at: tag, "without escaping", "write {{promo.code}}"))
        #expect(diagnostic?.message.contains("'\(tag)'") == true)
    }

    @Test("{{{var}}} in a subject, a text body or a WhatsApp message is fine (they are not HTML)")
    func unescapedOutsideHTML() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTemplate,
                replacing: "subject: \"Happy birthday, {{user.first_name}}!",
                with: "subject: \"Happy birthday, {{{user.first_name}}}!"),
            Edit(
                sayakayaTemplate,
                replacing: "      Hi {{user.name}}, {{tenant.name}} has a small gift for you: {{discount",
                with: "      Hi {{& user.name}}, {{tenant.name}} has a small gift for you: {{discount"),
            Edit(
                sayakayaTemplate, replacing: "      Happy birthday, {{user.first_name}}! 🎉",
                with: "      Happy birthday, {{{user.first_name}}}! 🎉"))
        #expect(config.result.errors.isEmpty, "\(diagnosticsText(config.result))")
    }

    @Test("every problem in one scalar is reported, each at its own place")
    func severalInOneBlock() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTemplate, replacing: "        <h1>Selamat ulang tahun, {{user.first_name}}!</h1>",
                with: "        <h1>Selamat ulang tahun, {{user.frist_name}}!</h1>"),
            Edit(
                sayakayaTemplate, replacing: "        <p>Berlaku sampai {{promo.valid_until}}.</p>",
                with: "        <p>Berlaku sampai {{{promo.valid_until}}}.</p>"))
        expectError(
            config.result, try config.error(sayakayaTemplate, at: "{{user.frist_name}}", "unknown"),
            alone: false)
        expectError(
            config.result,
            try config.error(sayakayaTemplate, at: "{{{promo.valid_until}}}", "without escaping"),
            alone: false)
        #expect(config.result.errors.count == 2, "\(diagnosticsText(config.result))")
    }
}
