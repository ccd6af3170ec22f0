import Foundation
import KadoEngine
import Testing

private let sayakayaRule = "rules/sayakaya/birthday.yaml"

/// Loads `fixture` (the shipped config) with `file` written as `bytes`.
private func load(_ fixture: ConfigFixture, _ file: String, bytes: [UInt8]) throws -> ConfigLoader.Result {
    let url = fixture.directory.appending(path: file)
    try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    return fixture.load()
}

@Suite("Hostile or broken files are one error each, and the other files are still checked")
struct ConfigHostileFileTests {
    @Test("a byte that is not UTF-8, at its line and column, naming it in hex")
    func latin1() throws {
        let fixture = try ConfigFixture()
        var text = Array(try fixture.text(of: sayakayaRule).utf8)
        // "name: Birthday Special Promo" → "name: Birthday Spécial Promo" saved as Latin-1.
        let name = Array("name: Birthday Special Promo".utf8)
        let start = try #require(text.indices.first { text[$0...].starts(with: name) })
        text.replaceSubrange(
            start..<(start + name.count),
            with: Array("name: Birthday Sp".utf8) + [0xE9] + Array("cial Promo".utf8))
        // Found in the text before it is overwritten: the error is at the é.
        let expected = try fixture.error(
            sayakayaRule, at: "name: Birthday Special Promo", offset: "name: Birthday Sp".count,
            "the byte 0xE9 here is not UTF-8", "save the file as UTF-8")
        let result = try load(fixture, sayakayaRule, bytes: text)
        expectError(result, expected)
    }

    @Test("a NUL byte, at its line and column")
    func nul() throws {
        let fixture = try ConfigFixture()
        let text = try fixture.text(of: sayakayaRule).replacing("enabled: true", with: "enabled: tr\u{0}ue")
        let expected = try fixture.error(
            sayakayaRule, at: "enabled: true", offset: "enabled: tr".count, "NUL byte (0x00)")
        let result = try load(fixture, sayakayaRule, bytes: Array(text.utf8))
        expectError(result, expected)
    }

    @Test("a second document in a rule file, at its '---'; the first is still checked")
    func secondDocument() throws {
        let config = try EditedConfig(
            Edit(sayakayaRule, replacing: "enabled: true\n", with: "enabled: \"yes\"\n"),
            Edit(
                sayakayaRule, replacing: "    send_at: \"09:00\"\n  - channel: whatsapp",
                with: "    send_at: \"09:00\"\n---\n  - channel: whatsapp"))
        expectError(
            config.result,
            try config.error(sayakayaRule, at: "---", "a file holds one document", "remove the second '---'"),
            alone: false)
        expectError(
            config.result, try config.error(sayakayaRule, at: "\"yes\"", "must be true or false"),
            alone: false)
        #expect(config.result.errors.count == 2, "\(diagnosticsText(config.result))")
    }

    @Test("a YAML syntax error in plain words, libyaml's in parentheses")
    func syntaxInPlainWords() throws {
        let config = try EditedConfig(
            Edit(
                sayakayaRule, replacing: "  - channel: whatsapp\n    template",
                with: "  - channel: whatsapp\n   template"))
        expectError(
            config.result,
            try config.error(
                sayakayaRule, at: "   template", occurrence: 2, offset: 3, "malformed YAML",
                "the indentation of this line does not fit the list above it",
                "(did not find expected '-' indicator while parsing a block collection)"))
    }

    @Test("the billion-laughs file: one error at the alias, the rest of the config still checked")
    func aliasBomb() throws {
        var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip("bcdefgh", "abcdefg") {
            text +=
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
                + "]\n"
        }
        let config = try EditedConfig(
            .create("rules/sayakaya/bomb.yaml", text),
            Edit("rules/lunaria/tenant.yaml", replacing: "Europe/Amsterdam", with: "Europe/Amsterdm"))
        expectError(
            config.result,
            try config.error(
                "rules/sayakaya/bomb.yaml", at: "*e", "expands YAML aliases into more than 100000 values",
                "aliases (*e) may not multiply content"), alone: false)
        expectError(
            config.result,
            try config.error("rules/lunaria/tenant.yaml", at: "Europe/Amsterdm", "unknown time zone"),
            alone: false)
        #expect(config.result.errors.count == 2, "\(diagnosticsText(config.result))")
    }

    @Test(
        "10,000 levels of [ or {a: : one error where level 65 opens",
        arguments: [("[", "]", 3 + 64), ("{a: ", "}", 4 + 63 * 4)])
    func deep(open: String, close: String, column: Int) throws {
        let text =
            "x: " + String(repeating: open, count: 10_000) + "1" + String(repeating: close, count: 10_000)
            + "\n"
        let result = try loadConfig(.create("rules/sayakaya/deep.yaml", text))
        expectError(
            result, ExpectedError("rules/sayakaya/deep.yaml", 1, column, "more than 64 levels deep"))
    }

    @Test("a file over 1 MiB: one error at 1:1, and it is not read")
    func tooLarge() throws {
        let text = "id: big\nname: \"" + String(repeating: "x", count: 2 << 20) + "\"\n"
        let result = try loadConfig(.create("rules/sayakaya/big.yaml", text))
        expectError(result, ExpectedError("rules/sayakaya/big.yaml", 1, 1, "larger than 1 MiB"))
    }
}
