import Testing

@testable import KadoCurl

@Suite("Trimming spaces and tabs (header values, addresses, phone numbers)")
struct SubstringSpacesTests {
    @Test(arguments: [
        ("  a b  ", "a b"), ("\t\tx\t", "x"), ("   ", ""), ("", ""), ("plain", "plain"),
        ("é  ", "é"), ("  日本 語\t", "日本 語"), ("\u{00A0}x\u{00A0}", "\u{00A0}x\u{00A0}"),
        // A space with a combining mark is one character, not a space: it stays.
        (" \u{301}x ", " \u{301}x"), ("  \u{301}x", " \u{301}x"),
    ])
    func trimmed(text: String, expected: String) {
        #expect(Substring(text).trimmingSpaces() == expected)
    }
}
