import KadoYAML
import Testing

/// The "billion laughs" file: `a` has nine values, each next level nine aliases of the one before.
func aliasBomb(levels: Int) -> String {
    let names = "abcdefghijklmnopqrstuvwxyz".map(String.init)
    var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in 1...levels {
        let alias = "*" + names[level - 1]
        text +=
            "\(names[level]): &\(names[level]) [" + Array(repeating: alias, count: 9).joined(separator: ", ")
            + "]\n"
    }
    return text
}

/// The error `source` throws, failing the test when it parses.
func parseError(_ source: String, limits: YAMLLimits = .standard) throws -> YAMLError {
    try #require(throws: YAMLError.self) { try YAMLParser.parse(source, file: "test.yaml", limits: limits) }
}

@Suite("YAML limits: hostile files are refused with an error, not a crash or a memory blow-up")
struct YAMLLimitTests {
    @Test("the billion-laughs file: refused at the first alias that would exceed 100,000 values")
    func aliasBombRefused() throws {
        let source = aliasBomb(levels: 7)
        let error = try parseError(source)
        // a holds 10 values, b 1 + 9 × 10 = 91, c 820, d 7,381, e 66,430: with the keys and the
        // root, 74,740 values when f's list opens, so its first alias to e crosses 100,000.
        let line = source.split(separator: "\n", omittingEmptySubsequences: false)[5]
        let column = try #require(line.firstRange(of: "*e")).lowerBound
        #expect(error.mark.line == 6)
        #expect(error.mark.column == line.distance(from: line.startIndex, to: column) + 1)
        #expect(error.message.contains("expands YAML aliases into more than 100000 values"))
        #expect(error.message.contains("aliases (*e) may not multiply content"))
    }

    @Test("an alias is counted as the size of what it repeats, before it is expanded")
    func aliasCounted() throws {
        // 10 + 11 × 10: fine with a budget of 200, refused with 100 at the eleventh *a.
        var source = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb:\n"
        for _ in 0..<11 { source += "  - *a\n" }
        #expect(throws: Never.self) {
            try YAMLParser.parse(source, file: "t", limits: YAMLLimits(maxNodes: 200))
        }
        let error = try parseError(source, limits: YAMLLimits(maxNodes: 100))
        #expect(error.mark.line == 2 + 9)
        #expect(error.mark.column == 5)
    }

    @Test("a file with too many values of its own is refused where it crosses the limit")
    func tooManyValues() throws {
        let source = "l: [" + Array(repeating: "x", count: 60).joined(separator: ", ") + "]\n"
        let error = try parseError(source, limits: YAMLLimits(maxNodes: 50))
        // Root mapping, key, list: 3 values, then the 48th item is the 51st value.
        #expect(error.mark.line == 1)
        #expect(error.mark.column == 5 + 47 * 3)
        #expect(error.message.contains("more than 50 values"))
    }

    static let deep = 10_000

    @Test("10,000 nested flow lists: refused at the list that opens level 65")
    func deepFlowLists() throws {
        let source =
            "x: " + String(repeating: "[", count: Self.deep) + String(repeating: "]", count: Self.deep)
        let error = try parseError(source)
        // The root mapping is level 1; the 64th '[' (column 3 + 64) opens level 65.
        #expect(error.mark == SourceMark(file: "test.yaml", line: 1, column: 3 + 64))
        #expect(error.message.contains("more than 64 levels deep"))
    }

    @Test("10,000 nested flow mappings: refused at the mapping that opens level 65")
    func deepFlowMappings() throws {
        let source =
            "x: " + String(repeating: "{a: ", count: Self.deep) + "1"
            + String(repeating: "}", count: Self.deep)
        let error = try parseError(source)
        #expect(error.mark == SourceMark(file: "test.yaml", line: 1, column: 4 + 63 * 4))
        #expect(error.message.contains("more than 64 levels deep"))
    }

    @Test("block mappings nested by indentation are refused the same way")
    func deepBlockMappings() throws {
        var source = ""
        for level in 0..<100 { source += String(repeating: " ", count: level) + "k:\n" }
        source += String(repeating: " ", count: 100) + "v: 1\n"
        let error = try parseError(source)
        // Level 65 is the mapping under the 64th key, written on line 65.
        #expect(error.mark.line == 65)
        #expect(error.mark.column == 65)
    }

    @Test("exactly the limit is allowed, and the tree can be walked and freed")
    func atTheLimit() throws {
        let source =
            "x: " + String(repeating: "[", count: 63) + "\"${V}\"" + String(repeating: "]", count: 63)
        var document = try YAMLParser.parse(source, file: "t")
        Interpolation(environment: ["V": "v"]).apply(to: &document)
        var node = try #require(document.root?["x"])
        var depth = 1
        while let first = node.items?.first {
            node = first
            depth += 1
        }
        #expect(depth == 64)
        #expect(node.scalar?.value == "v")
    }

    @Test("an alias cannot nest an anchored value deeper than the limit")
    func deepAlias() throws {
        let half = String(repeating: "[", count: 40) + "x" + String(repeating: "]", count: 40)
        let source =
            "a: &a \(half)\nb: " + String(repeating: "[", count: 30) + "*a"
            + String(repeating: "]", count: 30) + "\n"
        let error = try parseError(source)
        #expect(error.mark.line == 2)
        #expect(error.mark.column == 4 + 30)
        #expect(error.message.contains("'*a'"))
        #expect(error.message.contains("more than 64 levels deep"))
    }

    @Test("an alias inside the value it names is an error, not a loop")
    func recursiveAlias() throws {
        let error = try parseError("a: &a [1, *a]\n")
        #expect(error.mark == SourceMark(file: "test.yaml", line: 1, column: 11))
        #expect(error.message.contains("'*a'"))
        #expect(error.message.contains("never end"))
    }

    @Test("a file larger than 1 MiB is refused at 1:1 before it is parsed")
    func tooLarge() throws {
        let source = "text: \"" + String(repeating: "x", count: 1 << 20) + "\"\n"
        let error = try parseError(source)
        #expect(error.mark == SourceMark(file: "test.yaml", line: 1, column: 1))
        #expect(error.message.contains("larger than 1 MiB"))
        let bytes = try #require(throws: YAMLError.self) {
            try YAMLParser.parse(bytes: Array(source.utf8), file: "test.yaml")
        }
        #expect(bytes.mark.line == 1 && bytes.mark.column == 1)
        // Just under the limit is fine.
        let fits = "t: " + String(repeating: "x", count: (1 << 20) - 4) + "\n"
        #expect(try YAMLParser.parse(fits, file: "t").root?["t"] != nil)
    }

    @Test("a mapping with many keys is checked for duplicates in linear time")
    func manyKeys() throws {
        let count = 30_000
        var source = ""
        for i in 0..<count { source += "k\(i): \(i)\n" }
        source += "k7: again\n"
        let document = try YAMLParser.parse(source, file: "t")
        #expect(document.root?.pairs?.count == count)
        #expect(document.problems.count == 1)
        #expect(document.problems.first?.mark.line == count + 1)
        #expect(document.problems.first?.message.contains("first defined at line 8") == true)
    }
}
