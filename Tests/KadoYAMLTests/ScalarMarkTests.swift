import KadoYAML
import Testing

/// Where `needle` (written once in `source`) is, as an editor shows it.
func sourceMark(of needle: String, in source: String) throws -> SourceMark {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    let found = lines.enumerated().compactMap { index, line in
        line.firstRange(of: needle).map {
            (index, line.unicodeScalars.distance(from: line.startIndex, to: $0.lowerBound))
        }
    }
    let (line, column) = try #require(
        found.count == 1 ? found.first : nil, "\(needle) is not in the source once")
    return SourceMark(file: "test.yaml", line: line + 1, column: column + 1)
}

/// The mark `marks(ofOffsets:in:)` gives for where `needle` starts in the value at `path`.
func valueMark(
    of needle: String, at path: [String], in document: YAMLDocument,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> SourceMark {
    let target = try node(document, path)
    let value = try #require(target.scalar?.value)
    let range = try #require(value.firstRange(of: needle), "\(needle) not in \(value.debugDescription)")
    let offset = value.unicodeScalars.distance(from: value.startIndex, to: range.lowerBound)
    return try #require(document.marks(ofOffsets: [offset], in: target).first)
}

@Suite("Marks of characters inside scalars: block, quoted, plain, interpolated")
struct ScalarMarkTests {
    static let sources: [(String, [String], String)] = [
        // Literal blocks: indentation removed, chomping and indentation indicators in the header.
        ("t:\n  html: |\n    <p>one</p>\n    <p>{{promo.code}</p>\n", ["t", "html"], "{{promo.code}"),
        ("html: |-  # comment\n    a\n      more {{x}}\n    b\n", ["html"], "{{x}}"),
        ("html: |+\n  a\n\n  b {{x}}\n\n", ["html"], "{{x}}"),
        ("html: |2\n     indented {{x}}\n  b\n", ["html"], "{{x}}"),
        ("l:\n  - |\n    a\n    b {{x}}\n", ["l", "[0]"], "{{x}}"),
        ("html: &h |\n  a\n  b {{x}}\n", ["html"], "{{x}}"),
        // Folded blocks: line breaks become spaces in the value.
        ("text: >\n  one\n  two {{x}}\n\n  three\n", ["text"], "{{x}}"),
        ("text: >-\n  one two\n  three {{y}} four\n", ["text"], "{{y}}"),
        // Quoted: escapes, doubled quotes, folded lines, escaped line breaks.
        ("s: \"tab\\there \\\"q\\\" \\u00e9 {{x}}\"\n", ["s"], "{{x}}"),
        ("s: \"first line\n  second {{x}}\"\n", ["s"], "{{x}}"),
        ("s: \"first \\\n   second {{x}}\"\n", ["s"], "{{x}}"),
        ("s: 'it''s {{x}}'\n", ["s"], "{{x}}"),
        ("s: '🎉 ''a'' 日本 {{x}}'\n", ["s"], "{{x}}"),
        // Plain scalars over several lines.
        ("p: one\n  two {{x}}\n", ["p"], "{{x}}"),
        ("m: {a: b, p: \"x {{x}}\"}\n", ["m", "p"], "{{x}}"),
    ]

    @Test("each character's own line and column", arguments: sources)
    func located(source: String, path: [String], needle: String) throws {
        let document = try parse(source)
        #expect(try valueMark(of: needle, at: path, in: document) == sourceMark(of: needle, in: source))
    }

    @Test("several offsets at once, in any order")
    func severalOffsets() throws {
        let source = "html: |\n  a {{one}}\n  b {{two}}\n"
        let document = try parse(source)
        let html = try node(document, "html")
        let value = try #require(html.scalar?.value)
        let offsets = ["{{two}}", "{{one}}"].map { needle in
            value.unicodeScalars.distance(
                from: value.startIndex, to: value.firstRange(of: needle)?.lowerBound ?? value.endIndex)
        }
        let marks = document.marks(ofOffsets: offsets, in: html)
        #expect(try marks == [sourceMark(of: "{{two}}", in: source), sourceMark(of: "{{one}}", in: source)])
    }

    @Test("after interpolation, through the replaced ${VAR} and $${")
    func interpolated() throws {
        let source = "s: \"${GREETING} $${LITERAL} {{x}}\"\nt: |\n  ${GREETING:-hi}\n  and {{y}}\n"
        var document = try parse(source)
        Interpolation(environment: ["GREETING": "Selamat ulang tahun"]).apply(to: &document)
        #expect(try node(document, "s").scalar?.value == "Selamat ulang tahun ${LITERAL} {{x}}")
        #expect(try valueMark(of: "{{x}}", at: ["s"], in: document) == sourceMark(of: "{{x}}", in: source))
        #expect(try valueMark(of: "{{y}}", at: ["t"], in: document) == sourceMark(of: "{{y}}", in: source))
        // A place inside a replacement is the ${ it replaced.
        #expect(
            try valueMark(of: "ulang", at: ["s"], in: document)
                == SourceMark(file: "test.yaml", line: 1, column: 5))
    }

    @Test("an alias's text is elsewhere: its own mark")
    func alias() throws {
        let document = try parse("a: &t \"x {{x}}\"\nb: *t\n")
        #expect(
            try valueMark(of: "{{x}}", at: ["b"], in: document)
                == SourceMark(file: "test.yaml", line: 2, column: 4))
    }

    @Test("interpolation problems inside a block scalar are at the ${, even on a long line")
    func interpolationProblems() throws {
        let many = Array(repeating: "${UNSET}", count: 2_000).joined(separator: " ")
        var document = try parse("t: |\n  intro\n  \(many)\n")
        Interpolation(environment: [:]).apply(to: &document)
        #expect(document.problems.count == 2_000)
        #expect(document.problems.last?.mark == SourceMark(file: "test.yaml", line: 3, column: 3 + 1_999 * 9))
    }
}
