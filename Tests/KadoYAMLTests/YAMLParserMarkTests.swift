import KadoYAML
import Testing

/// Parses `source` as `test.yaml`, failing the test on a syntax error.
func parse(_ source: String) throws -> YAMLDocument {
    try YAMLParser.parse(source, file: "test.yaml")
}

/// Follows a path of mapping keys (and `[n]` sequence indexes) from the root.
func node(_ document: YAMLDocument, _ path: String...) throws -> YAMLNode {
    try node(document, path)
}

func node(_ document: YAMLDocument, _ path: [String]) throws -> YAMLNode {
    var current = try #require(document.root, "document has no root")
    for step in path {
        if step.hasPrefix("["), let index = Int(step.dropFirst().dropLast()) {
            let items = try #require(current.items, "expected a list at \(step)")
            current = try #require(items.indices.contains(index) ? items[index] : nil, "no item \(index)")
        } else {
            current = try #require(current[step], "no key '\(step)'")
        }
    }
    return current
}

@Suite("YAML parser: line and column of every node")
struct YAMLParserMarkTests {
    @Test("scalars and mapping values are marked at the value, 1-based")
    func mappingValues() throws {
        let doc = try parse(
            """
            # a comment
            id: birthday
            trigger:
              plugin: birthday
              at: "00:01"
            """)
        let id = try node(doc, "id")
        #expect(id.scalar?.value == "birthday")
        #expect(id.mark == SourceMark(file: "test.yaml", line: 2, column: 5))
        let at = try node(doc, "trigger", "at")
        #expect(at.scalar?.value == "00:01")
        #expect(at.scalar?.style == .doubleQuoted)
        #expect(at.mark.line == 5)
        #expect(at.mark.column == 7)
        let trigger = try node(doc, "trigger")
        #expect(trigger.mark.line == 4)
        #expect(trigger.mark.column == 3)
        let root = try #require(doc.root)
        #expect(root.mark.line == 2)
        #expect(root.mark.column == 1)
    }

    @Test("keys are marked where they are written")
    func keyMarks() throws {
        let doc = try parse("a: 1\nnested:\n  inner_key: 2\n")
        let nested = try node(doc, "nested")
        let pair = try #require(nested.pair("inner_key"))
        #expect(pair.key.mark.line == 3)
        #expect(pair.key.mark.column == 3)
        #expect(pair.value.mark.column == 14)
    }

    @Test("sequence items are marked at the item, not the dash")
    func sequenceItems() throws {
        let doc = try parse(
            """
            notify:
              - channel: email
                template: birthday
              - whatsapp
            """)
        let list = try node(doc, "notify")
        #expect(list.mark.line == 2)
        #expect(list.mark.column == 3)
        let first = try node(doc, "notify", "[0]")
        #expect(first.mark.line == 2)
        #expect(first.mark.column == 5)
        let template = try node(doc, "notify", "[0]", "template")
        #expect(template.mark.line == 3)
        #expect(template.mark.column == 15)
        let second = try node(doc, "notify", "[1]")
        #expect(second.scalar?.value == "whatsapp")
        #expect(second.mark.line == 4)
        #expect(second.mark.column == 5)
    }

    @Test("block scalars are marked at the indicator and keep their text")
    func blockScalars() throws {
        let doc = try parse(
            """
            email:
              text: |
                Hello {{user.first_name}},
                your code is {{promo.code}}.
              folded: >
                one
                two
            """)
        let text = try node(doc, "email", "text")
        #expect(text.scalar?.style == .literal)
        #expect(text.scalar?.value == "Hello {{user.first_name}},\nyour code is {{promo.code}}.\n")
        #expect(text.mark.line == 2)
        #expect(text.mark.column == 9)
        let folded = try node(doc, "email", "folded")
        #expect(folded.scalar?.style == .folded)
        #expect(folded.scalar?.value == "one two")
        #expect(folded.mark.line == 5)
        #expect(folded.mark.column == 11)
    }

    @Test("flow collections and their items are marked")
    func flowStyle() throws {
        let doc = try parse("list: [a, bb, 'c']\nmap: {x: 1, y: two}\n")
        let list = try node(doc, "list")
        #expect(list.mark.column == 7)
        let items = try #require(list.items)
        #expect(items.map(\.mark.column) == [8, 11, 15])
        #expect(items.map { $0.scalar?.value } == ["a", "bb", "c"])
        #expect(items[2].scalar?.style == .singleQuoted)
        let map = try node(doc, "map")
        #expect(map.mark == SourceMark(file: "test.yaml", line: 2, column: 6))
        let y = try node(doc, "map", "y")
        #expect(y.scalar?.value == "two")
        #expect(y.mark.line == 2)
        #expect(y.mark.column == 16)
    }

    @Test(
        "columns count Unicode characters, not bytes",
        arguments: [
            ("k: [🎉, b]", ["k", "[1]"], 8),
            ("ключ: b", ["ключ"], 7),
            ("\"é🎉\": b", ["é🎉"], 7),
            ("t: 日本語\nu: [日本, b]", ["u", "[1]"], 9),
        ])
    func unicodeColumns(source: String, path: [String], column: Int) throws {
        let doc = try parse(source)
        let b = try node(doc, path)
        #expect(b.scalar?.value == "b")
        #expect(b.mark.column == column)
    }

    @Test("an empty file, or one with only comments, has no root")
    func emptyFile() throws {
        #expect(try parse("").root == nil)
        #expect(try parse("# only a comment\n\n").root == nil)
    }

    @Test("anchors and aliases: the alias is a copy marked where the alias is written")
    func anchorsAndAliases() throws {
        let doc = try parse(
            """
            base: &defaults
              rate_limit: 20
              max_attempts: 6
            email: *defaults
            word: &w hello
            again: *w
            """)
        let email = try node(doc, "email")
        #expect(email.mark.line == 4)
        #expect(email.mark.column == 8)
        #expect(try node(doc, "email", "max_attempts").scalar?.value == "6")
        let again = try node(doc, "again")
        #expect(again.scalar?.value == "hello")
        #expect(again.mark.line == 6)
        #expect(again.mark.column == 8)
    }

    @Test("an unknown alias is an error at the alias")
    func unknownAlias() throws {
        let error = try #require(throws: YAMLError.self) { try parse("a: 1\nb: *missing\n") }
        #expect(error.mark.line == 2)
        #expect(error.mark.column == 4)
        #expect(error.message.contains("missing"))
    }

    @Test("only the first document is read")
    func firstDocumentOnly() throws {
        let doc = try parse("a: 1\n---\nb: 2\n")
        #expect(try node(doc, "a").scalar?.value == "1")
        #expect(doc.root?["b"] == nil)
    }

    @Test("kind descriptions name what the user wrote")
    func kindDescriptions() throws {
        let doc = try parse("b: true\nn: 10\nf: 1.5\ns: \"10\"\nz: ~\nl: []\nm: {}\n")
        let kinds = try ["b", "n", "f", "s", "z", "l", "m"].map { try node(doc, $0).kindDescription }
        #expect(
            kinds == [
                "a boolean", "a number", "a number", "a string", "nothing (null)", "a list", "a mapping",
            ])
    }
}

@Suite("YAML parser: duplicate keys")
struct YAMLDuplicateKeyTests {
    @Test("reported at the second key, naming the first's line")
    func topLevel() throws {
        let doc = try parse("id: a\nname: x\nid: b\n")
        #expect(doc.problems.count == 1)
        let problem = try #require(doc.problems.first)
        #expect(problem.mark == SourceMark(file: "test.yaml", line: 3, column: 1))
        #expect(problem.message.contains("duplicate key 'id'"))
        #expect(problem.message.contains("line 1"))
        #expect(problem.description == "test.yaml:3:1: error: \(problem.message)")
        // The first value is kept.
        #expect(try node(doc, "id").scalar?.value == "a")
    }

    @Test("nested mappings, and mappings inside lists")
    func nested() throws {
        let doc = try parse(
            """
            validity:
              days: 1
              note: x
              days: 2
            notify:
              - channel: email
                channel: sms
            """)
        #expect(doc.problems.count == 2)
        let days = try #require(doc.problems.first { $0.message.contains("'days'") })
        #expect(days.mark.line == 4)
        #expect(days.mark.column == 3)
        #expect(days.message.contains("first defined at line 2"))
        let channel = try #require(doc.problems.first { $0.message.contains("'channel'") })
        #expect(channel.mark.line == 7)
        #expect(channel.mark.column == 5)
        #expect(channel.message.contains("first defined at line 6"))
    }

    @Test("the same key in different mappings is not a duplicate")
    func siblings() throws {
        let doc = try parse("a:\n  x: 1\nb:\n  x: 2\n")
        #expect(doc.problems.isEmpty)
    }
}

@Suite("YAML parser: malformed input throws at the right line")
struct YAMLSyntaxErrorTests {
    @Test(
        "syntax errors",
        arguments: [
            // Bad indentation: a key indented deeper than its siblings.
            ("a:\n  b: 1\n   c: 2\n", 3, "malformed YAML"),
            // Tab used for indentation.
            ("a:\n\tb: 1\n", 2, "cannot start any token"),
            // A list item at the wrong indentation inside a list of mappings.
            ("l:\n  - a: 1\n   b: 2\n", 3, "malformed YAML"),
            // Unclosed flow sequence.
            ("a: [1, 2\nb: 3\n", 2, "malformed YAML"),
        ])
    func syntaxErrors(source: String, line: Int, words: String) throws {
        let error = try #require(throws: YAMLError.self) { try parse(source) }
        #expect(error.mark.file == "test.yaml")
        #expect(error.mark.line == line)
        #expect(error.message.contains(words))
    }

    @Test("an unclosed quote is reported at the line where the quote opens")
    func unclosedQuote() throws {
        let source = "id: x\nat: \"00:01\nname: y\nother: z\n"
        let error = try #require(throws: YAMLError.self) { try parse(source) }
        #expect(error.mark.line == 2)
        #expect(error.mark.column == 5)
        #expect(error.message.contains("quoted scalar"))
    }
}
