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

    @Test("a tag left open before the next one is reported on its own, and the next one is still checked")
    func openBeforeNext() throws {
        let problems = MustacheLint.check("<b>{{promo.code}</b> until {{promo.valid_untl}}")
        #expect(problems.map(\.tag) == ["{{promo.code}", "{{promo.valid_untl}}"])
        #expect(problems.first?.message == "unclosed tag: '{{promo.code}' is missing '}}'")
    }

    @Test("each problem knows where its tag starts, in Unicode scalars")
    func offsets() {
        let template = "🎉 Hai {{user.nmae}}\nkode {{promo.cod}} {{#tenant}}"
        let problems = MustacheLint.check(template)
        let expected = ["{{user.nmae}}", "{{promo.cod}}", "{{#tenant}}"].map { tag in
            template.unicodeScalars.distance(
                from: template.startIndex, to: template.firstRange(of: tag)?.lowerBound ?? template.endIndex)
        }
        #expect(problems.map(\.offset) == expected)
    }

    @Test(
        "in HTML, tags that skip escaping are problems; elsewhere they are not",
        arguments: ["{{{user.name}}}", "{{&user.name}}", "{{& user.name }}"])
    func unescaped(tag: String) throws {
        let template = "<p>Hi \(tag)</p>"
        #expect(MustacheLint.check(template) == [])
        let problem = try #require(MustacheLint.check(template, html: true).first)
        #expect(MustacheLint.check(template, html: true).count == 1)
        #expect(problem.tag == tag)
        #expect(problem.offset == 6)
        #expect(problem.message.contains("without escaping"))
        #expect(problem.message.contains("write {{user.name}}"))
    }

    @Test("a very long tag name costs no more than its length")
    func longName() {
        let name = String(repeating: "x", count: 200_000)
        let problems = MustacheLint.check("{{\(name)}}")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("did you mean") == false)
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
