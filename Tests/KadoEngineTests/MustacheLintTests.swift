import KadoEngine
import Testing

@Suite("MustacheLint")
struct MustacheLintTests {
    @Test(
        "accepted templates",
        arguments: [
            "Hi {{user.first_name}}, your code is {{promo.code}}.",
            "{{#promo}}{{code}} until {{valid_until}}{{/promo}}",
            "{{#discount.is_fixed}}{{discount.amount}}{{/discount.is_fixed}}{{^discount.is_fixed}}{{discount.percent}}{{/discount.is_fixed}}",
            "{{#user}}{{#promo}}{{first_name}}: {{code}}{{/promo}}{{/user}}",
            "{{#promo.code}}{{.}}{{/promo.code}}",
            "{{{user.name}}} and {{&user.name}}",
            "{{! anything goes in a comment, even {{ }}",
            "{{ user.name }} with spaces",
            "no tags at all",
        ])
    func accepted(template: String) {
        #expect(MustacheLint.check(template) == [])
    }

    @Test(
        "rejected templates: the tag and the message",
        arguments: [
            (
                "Hi {{user.nmae}}", "{{user.nmae}}",
                "unknown template variable 'user.nmae' (did you mean 'user.name'?)"
            ),
            ("{{#promo}}{{nmae}}{{/promo}}", "{{nmae}}", "unknown template variable 'nmae'"),
            // Relative names resolve only inside their section.
            ("{{code}}", "{{code}}", "unknown template variable 'code'"),
            ("{{{user.emial}}}", "{{{user.emial}}}", "unknown template variable 'user.emial'"),
            ("{{> footer}}", "{{> footer}}", "partials ('{{> footer}}') are not supported"),
            ("{{=<% %>=}}", "{{=<% %>=}}", "changing delimiters is not supported"),
            ("{{#promo}}x", "{{#promo}}", "section 'promo' is never closed with '{{/promo}}'"),
            ("x{{/promo}}", "{{/promo}}", "'{{/promo}}' closes a section that was never opened"),
            ("{{#promo}}{{#user}}{{/promo}}{{/user}}", "{{/promo}}", "'{{#user}}' is the one open"),
            ("Hi {{user.name", "{{user.name", "unclosed tag: missing '}}'"),
            ("Hi {{{user.name}}", "{{{user.name}}", "unclosed tag: missing '}}}'"),
            ("{{ }}", "{{ }}", "empty tag"),
        ])
    func rejected(template: String, tag: String, words: String) throws {
        let problems = MustacheLint.check(template)
        let problem = try #require(problems.first)
        #expect(problem.tag == tag)
        #expect(problem.message.contains(words), "\(problem.message)")
    }

    @Test("every problem is reported, in order")
    func several() {
        let problems = MustacheLint.check("{{user.nmae}} {{promo.cod}} {{#tenant}}")
        #expect(problems.map(\.tag) == ["{{user.nmae}}", "{{promo.cod}}", "{{#tenant}}"])
    }

    @Test("the variable model knows every documented leaf")
    func variables() {
        let paths = TemplateVariables.allPaths
        #expect(paths.contains("user.first_name"))
        #expect(paths.contains("promo.valid_until"))
        #expect(paths.contains("discount.text"))
        #expect(paths.contains("tenant.name"))
        #expect(!paths.contains("user"))
        #expect(TemplateVariables.resolves(["promo"]))
        #expect(!TemplateVariables.resolves(["promo", "code", "x"]))
    }
}
