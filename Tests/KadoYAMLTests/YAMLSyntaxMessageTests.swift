import KadoYAML
import Testing

/// One kind of YAML mistake: the file, where the error must be, what it must say in plain
/// words, and libyaml's own words that must follow in parentheses.
struct SyntaxCase: Sendable, CustomTestStringConvertible {
    var name: String
    var source: String
    var line: Int
    var column: Int
    var words: [String]
    var raw: String

    init(_ name: String, _ source: String, _ line: Int, _ column: Int, _ words: [String], raw: String) {
        self.name = name
        self.source = source
        self.line = line
        self.column = column
        self.words = words
        self.raw = raw
    }

    var testDescription: String { name }
}

@Suite("YAML syntax errors in plain words, libyaml's after them")
struct YAMLSyntaxMessageTests {
    static let cases: [SyntaxCase] = [
        SyntaxCase(
            "a second ': ' in a value", "name: Sale: today\n", 1, 11, ["would start a new key", "in quotes"],
            raw: "mapping values are not allowed in this context"),
        SyntaxCase(
            "a key indented under a value", "a: 1\n  b: 2\n", 2, 4, ["indent this line like the keys"],
            raw: "mapping values are not allowed in this context"),
        SyntaxCase(
            "a key indented less than its siblings", "a:\n  b: 1\n c: 2\n", 3, 2,
            ["does not fit the mapping above it", "same column"],
            raw: "did not find expected key while parsing a block mapping"),
        SyntaxCase(
            "a list item key out of line", "l:\n  - a: 1\n   b: 2\n", 3, 4,
            ["the indentation of this line does not fit the list above it"],
            raw: "did not find expected '-' indicator while parsing a block collection"),
        SyntaxCase(
            "a tab in the indentation", "a:\n\tb: 1\n", 2, 1, ["a tab character", "spaces only"],
            raw: "found character that cannot start any token while scanning for the next token"),
        SyntaxCase(
            "a value starting with @", "handle: @sayakaya\n", 1, 9, ["cannot start with '@'", "quotes"],
            raw: "found character that cannot start any token"),
        SyntaxCase(
            "a line without ':'", "a: 1\nb\nc: 2\n", 3, 1, ["no ':' after it"],
            raw: "could not find expected ':' while scanning a simple key"),
        SyntaxCase(
            "an unclosed double quote", "a: 1\nb: \"x\nc: 2\n", 2, 4, ["quoted text", "never closed"],
            raw: "found unexpected end of stream while scanning a quoted scalar"),
        SyntaxCase(
            "an unclosed single quote", "a: 'x\n", 1, 4, ["never closed"],
            raw: "found unexpected end of stream while scanning a quoted scalar"),
        SyntaxCase(
            "an unclosed bracket", "a: [1, 2\nb: 3\n", 2, 2, ["'[' that opens at line 1, column 4", "']'"],
            raw: "did not find expected ',' or ']' while parsing a flow sequence"),
        SyntaxCase(
            "an unclosed brace", "a: {x: 1\n", 2, 1, ["'{' that opens at line 1, column 4", "'}'"],
            raw: "did not find expected ',' or '}' while parsing a flow mapping"),
        SyntaxCase(
            "an undefined alias", "a: 1\nb: *base\n", 2, 4, ["'*base'", "&base"], raw: "found undefined alias"
        ),
        SyntaxCase(
            "text after a block scalar's '|'", "t: | hello\n  world\n", 1, 6, ["starts on the next line"],
            raw: "did not find expected comment or line break while scanning a block scalar"),
        SyntaxCase(
            "a block scalar indentation of 0", "t: |0\n  x\n", 1, 5, ["must be from 1 to 9"],
            raw: "found an indentation indicator equal to 0 while scanning a block scalar"),
        SyntaxCase(
            "a tab inside a block scalar's indentation", "t: |\n  one\n\ttwo\n", 3, 1, ["tab character"],
            raw: "found a tab character where an indentation space is expected while scanning a block scalar"),
        SyntaxCase(
            "a list on its key's line", "a: - b\n", 1, 4, ["cannot start on the same line as its key"],
            raw: "block sequence entries are not allowed in this context"),
        SyntaxCase(
            "an unknown escape", "a: \"C:\\q\"\n", 1, 7, ["backslash", "\\\\"],
            raw: "found unknown escape character while parsing a quoted scalar"),
        SyntaxCase(
            "an empty anchor", "a: &\n", 1, 5, ["anchor or an alias"],
            raw: "did not find expected alphabetic or numeric character while scanning an anchor"),
        SyntaxCase(
            "text after a closing quote", "a: \"x\" y\n", 1, 8, ["does not fit the mapping"],
            raw: "did not find expected key while parsing a block mapping"),
        SyntaxCase(
            "a control character", "a: b\u{7}c\n", 1, 5, ["control character (0x07)"],
            raw: "control characters are not allowed"),
    ]

    @Test("each common libyaml problem", arguments: cases)
    func explained(example: SyntaxCase) throws {
        let error = try parseError(example.source)
        #expect(error.mark == SourceMark(file: "test.yaml", line: example.line, column: example.column))
        #expect(error.message.hasPrefix("malformed YAML: ") || example.raw == "found undefined alias")
        for word in example.words {
            #expect(error.message.contains(word), "\(error.message) lacks \(word)")
        }
        // libyaml's words come last, in parentheses, after the explanation.
        let open = try #require(error.message.lastIndex(of: "("), "\(error.message)")
        let explanation = error.message[..<open]
        #expect(error.message.hasSuffix(")"))
        #expect(error.message[open...].contains(example.raw), "\(error.message)")
        for word in example.words { #expect(explanation.contains(word), "\(explanation)") }
    }

    @Test("YAML directives, which kado files do not use")
    func directive() throws {
        let error = try parseError("%YAML 1.1\n%YAML 1.1\n---\na: 1\n")
        #expect(error.mark.line == 2)
        #expect(error.message.contains("directive"))
        #expect(error.message.contains("(found duplicate %YAML directive)"))
    }
}

@Suite("YAML files: one document, UTF-8 text")
struct YAMLFileTextTests {
    @Test("a second document after '---' is an error at its start; the first is still read")
    func secondDocument() throws {
        let document = try YAMLParser.parse("a: 1\nb: 2\n---\nc: 3\n", file: "test.yaml")
        #expect(document.root?["a"]?.scalar?.value == "1")
        #expect(document.root?["c"] == nil)
        let problem = try #require(document.problems.first)
        #expect(document.problems.count == 1)
        #expect(problem.mark == SourceMark(file: "test.yaml", line: 3, column: 1))
        #expect(problem.message.contains("a file holds one document"))
        #expect(problem.message.contains("remove the second '---'"))
    }

    @Test("a leading '---' and a closing '...' are one document")
    func oneExplicitDocument() throws {
        let document = try YAMLParser.parse("---\na: 1\n...\n", file: "test.yaml")
        #expect(document.problems.isEmpty)
        #expect(document.root?["a"]?.scalar?.value == "1")
    }

    @Test("text after a closing '...' is an error at the text")
    func textAfterEnd() throws {
        let error = try parseError("a: 1\n...\nb: 2\n")
        #expect(error.mark == SourceMark(file: "test.yaml", line: 3, column: 1))
        #expect(error.message.contains("a file holds one document"))
        #expect(error.message.contains("(did not find expected <document start>)"))
    }

    @Test(
        "bytes that are not UTF-8, at the byte's line and column (in characters), naming it",
        arguments: [
            // A Latin-1 é in "b: café" on line 2: column 7, after six characters.
            ([0x61, 0x3A, 0x20, 0x31, 0x0A, 0x62, 0x3A, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x0A], 2, 7, "0xE9"),
            // Valid "é" (two bytes) and "🎉" (four) before a stray continuation byte count as one each.
            ([0x74, 0x3A, 0x20, 0xC3, 0xA9, 0xF0, 0x9F, 0x8E, 0x89, 0x80], 1, 6, "0x80"),
            // An overlong '/' (0xC0 0xAF) and a UTF-16 surrogate (0xED 0xA0 0x80).
            ([0x74, 0x3A, 0x20, 0xC0, 0xAF], 1, 4, "0xC0"),
            ([0x74, 0x3A, 0x20, 0x78, 0xED, 0xA0, 0x80], 1, 5, "0xED"),
            // A sequence cut off by the end of the file.
            ([0x74, 0x3A, 0x20, 0xE2, 0x82], 1, 4, "0xE2"),
        ] as [([UInt8], Int, Int, String)])
    func notUTF8(bytes: [UInt8], line: Int, column: Int, byte: String) throws {
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser.parse(bytes: bytes, file: "t.yaml")
        }
        #expect(error.mark == SourceMark(file: "t.yaml", line: line, column: column))
        #expect(error.message.contains("the byte \(byte) here is not UTF-8"))
        #expect(error.message.contains("save the file as UTF-8"))
    }

    @Test("a NUL byte, at its line and column")
    func nul() throws {
        let bytes = Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8)
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser.parse(bytes: bytes, file: "t.yaml")
        }
        #expect(error.mark == SourceMark(file: "t.yaml", line: 2, column: 5))
        #expect(error.message.contains("NUL byte (0x00)"))
        let text = try #require(throws: YAMLError.self) { try YAMLParser.parse("a: \u{0}", file: "t.yaml") }
        #expect(text.mark.column == 4)
    }

    @Test("a UTF-8 byte order mark is fine")
    func byteOrderMark() throws {
        let document = try YAMLParser.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), file: "t")
        #expect(document.root?["a"]?.scalar?.value == "1")
    }
}
