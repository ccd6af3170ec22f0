import KadoYAML
import Testing

/// Parses `source` and interpolates it with `environment`.
func interpolate(_ source: String, _ environment: [String: String]) throws -> YAMLDocument {
    var doc = try parse(source)
    Interpolation(environment: environment).apply(to: &doc)
    return doc
}

@Suite("${VAR} interpolation")
struct InterpolationTests {
    @Test(
        "values",
        arguments: [
            ("${HOST}", ["HOST": "mail.example"], "mail.example"),
            ("smtp://${HOST}:${PORT}", ["HOST": "h", "PORT": "25"], "smtp://h:25"),
            ("${PORT:-2525}", [:], "2525"),
            ("${PORT:-2525}", ["PORT": "25"], "25"),
            // Set but empty, with a default: the default wins.
            ("${PORT:-2525}", ["PORT": ""], "2525"),
            // Set but empty, no default: empty.
            ("x${EMPTY}y", ["EMPTY": ""], "xy"),
            // An empty default.
            ("${SMTP_URL:-}", [:], ""),
            // A default may hold spaces, colons and angle brackets.
            ("${SENDER:-SayaKaya <promo@sayakaya.id>}", [:], "SayaKaya <promo@sayakaya.id>"),
            // `$${` writes a literal `${`.
            ("$${HOME} costs $5", ["HOME": "/root"], "${HOME} costs $5"),
            ("price: $ 10", [:], "price: $ 10"),
        ] as [(String, [String: String], String)])
    func values(text: String, environment: [String: String], expected: String) throws {
        let doc = try interpolate("v: '\(text)'\n", environment)
        #expect(doc.problems.isEmpty)
        #expect(try node(doc, "v").scalar?.value == expected)
    }

    @Test("isInterpolated is set only where a variable or default was substituted")
    func interpolatedFlag() throws {
        let doc = try interpolate(
            """
            secret: ${TOKEN}
            fallback: ${MISSING:-x}
            literal: plain
            escaped: $${NOT}
            dollar: $5
            empty_default: ${SMTP_URL:-}
            """, ["TOKEN": "s3cret"])
        #expect(doc.problems.isEmpty)
        #expect(try node(doc, "secret").scalar?.isInterpolated == true)
        #expect(try node(doc, "fallback").scalar?.isInterpolated == true)
        #expect(try node(doc, "literal").scalar?.isInterpolated == false)
        #expect(try node(doc, "escaped").scalar?.isInterpolated == false)
        #expect(try node(doc, "dollar").scalar?.isInterpolated == false)
        // An interpolated empty string is a value, not YAML's null.
        let empty = try #require(try node(doc, "empty_default").scalar)
        #expect(empty.value == "")
        #expect(empty.isInterpolated)
        #expect(!empty.isNull)
    }

    @Test("an unset variable without a default names it, at the ${ inside the scalar")
    func unsetVariable() throws {
        let doc = try interpolate(
            """
            channels:
              email:
                url: "smtp://${SMTP_HOST}:25"
                body: |
                  Hello,
                  sent by ${SENDER_NAME} today
            """, [:])
        #expect(doc.problems.count == 2)
        let host = try #require(doc.problems.first { $0.message.contains("'SMTP_HOST'") })
        #expect(host.mark == SourceMark(file: "test.yaml", line: 3, column: 18))
        #expect(host.message.contains("is not set"))
        #expect(host.message.contains("${SMTP_HOST:-default}"))
        let sender = try #require(doc.problems.first { $0.message.contains("'SENDER_NAME'") })
        #expect(sender.mark.line == 6)
        #expect(sender.mark.column == 15)
    }

    @Test("several variables in one scalar are each located", arguments: [("A", 8), ("B", 14)])
    func severalInOneScalar(name: String, column: Int) throws {
        let doc = try interpolate("k: x/y ${A}__${B}\n", [:])
        let problem = try #require(doc.problems.first { $0.message.contains("'\(name)'") })
        #expect(problem.mark.line == 1)
        #expect(problem.mark.column == column)
    }

    @Test("invalid names are errors", arguments: ["${1ABC}", "${}", "${A-B}", "${A B}", "${ÄÖ}"])
    func invalidNames(expression: String) throws {
        let doc = try interpolate("k:\n  v: x \(expression)\n", ["A": "a", "1ABC": "x"])
        let problem = try #require(doc.problems.first)
        #expect(doc.problems.count == 1)
        #expect(problem.message.contains("'\(expression)' is not a valid variable reference"))
        #expect(problem.mark.line == 2)
        #expect(problem.mark.column == 8)
    }

    @Test("keys are not interpolated")
    func keysNotInterpolated() throws {
        let doc = try interpolate("${KEY}: ${VALUE}\n", ["KEY": "k", "VALUE": "v"])
        let pair = try #require(doc.root?.pairs?.first)
        #expect(pair.key.scalar?.value == "${KEY}")
        #expect(pair.key.scalar?.isInterpolated == false)
        #expect(pair.value.scalar?.value == "v")
    }

    @Test("values in lists and nested mappings are interpolated")
    func nestedValues() throws {
        let doc = try interpolate("a:\n  - ${X}\n  - b: ${Y:-y}\n", ["X": "x"])
        #expect(try node(doc, "a", "[0]").scalar?.value == "x")
        #expect(try node(doc, "a", "[1]", "b").scalar?.value == "y")
    }

    @Test("an empty document stays empty")
    func emptyDocument() throws {
        let doc = try interpolate("", ["A": "a"])
        #expect(doc.root == nil)
        #expect(doc.problems.isEmpty)
    }
}

@Suite("YAMLDocument.locate")
struct LocateTests {
    @Test("finds text at or after the mark, on later lines too, and falls back to the mark")
    func locate() throws {
        let doc = try parse("a: one two\nb: |\n  three {{x}}\n")
        let from = SourceMark(file: "test.yaml", line: 2, column: 4)
        #expect(doc.locate("{{x}}", from: from) == SourceMark(file: "test.yaml", line: 3, column: 9))
        #expect(doc.locate("two", from: SourceMark(file: "test.yaml", line: 1, column: 4)).column == 8)
        #expect(doc.locate("absent", from: from) == from)
        // Text before the mark on its line is not found.
        #expect(doc.locate("a:", from: SourceMark(file: "test.yaml", line: 1, column: 2)).column == 2)
    }
}
