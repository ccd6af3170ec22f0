import Foundation
import Testing

@testable import KadoEngine

@Suite("Quoted-printable (RFC 2045 6.7): line length, white space, line breaks, non-ASCII, '='")
struct QuotedPrintableTests {
    /// Decodes quoted-printable as a mail reader does: soft breaks removed, `=XX` to bytes.
    static func decode(_ encoded: String) -> [UInt8] {
        let bytes = Array(encoded.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "=") {
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                let hex = String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self)
                out.append(UInt8(hex, radix: 16) ?? 0)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    static func lines(_ encoded: String) -> [String] {
        encoded.components(separatedBy: "\r\n")
    }

    @Test("76 characters fit on a line; the 77th moves to the next after a soft break of 75 + '='")
    func lineLength() {
        let exact = String(repeating: "a", count: 76)
        #expect(QuotedPrintable.encode(exact) == exact)
        let longer = QuotedPrintable.encode(String(repeating: "a", count: 77))
        #expect(Self.lines(longer) == [String(repeating: "a", count: 75) + "=", "aa"])
        let long = QuotedPrintable.encode(String(repeating: "0123456789", count: 50))
        #expect(Self.lines(long).allSatisfy { $0.utf8.count <= 76 })
        #expect(Self.decode(long) == Array(String(repeating: "0123456789", count: 50).utf8))
    }

    @Test("an escape is never split by a soft break")
    func escapesStayWhole() {
        for prefix in 70...76 {
            let text = String(repeating: "b", count: prefix) + "é=é"
            let encoded = QuotedPrintable.encode(text)
            for line in Self.lines(encoded) {
                #expect(line.utf8.count <= 76)
                let body = line.hasSuffix("=") ? String(line.dropLast()) : line
                // Every '=' left in a line starts a whole =XX escape.
                var rest = Substring(body)
                while let at = rest.firstIndex(of: "=") {
                    let escape = rest[at...].prefix(3)
                    #expect(escape.count == 3 && escape.dropFirst().allSatisfy(\.isHexDigit), "\(line)")
                    rest =
                        rest[rest.index(at, offsetBy: min(3, rest.distance(from: at, to: rest.endIndex)))...]
                }
            }
            #expect(Self.decode(encoded) == Array(text.utf8))
        }
    }

    @Test("white space at the end of a line is escaped, inside a line it is kept")
    func trailingWhiteSpace() {
        #expect(QuotedPrintable.encode("a b \nc\t") == "a b=20\r\nc=09")
        #expect(QuotedPrintable.encode(" ") == "=20")
        #expect(QuotedPrintable.encode("tab\tinside") == "tab\tinside")
        // A space that a soft break would leave at the end of a line is written before the break.
        let text = String(repeating: "c", count: 74) + "  d"
        let encoded = QuotedPrintable.encode(text)
        #expect(Self.lines(encoded).allSatisfy { !$0.hasSuffix(" ") && !$0.hasSuffix("\t") })
        #expect(Self.decode(encoded) == Array(text.utf8))
    }

    @Test("CRLF, LF and lone CR all become CRLF; a final break is kept")
    func lineBreaks() {
        #expect(QuotedPrintable.encode("a\r\nb\nc\rd") == "a\r\nb\r\nc\r\nd")
        #expect(QuotedPrintable.encode("a\r\r\nb") == "a\r\n\r\nb")
        #expect(QuotedPrintable.encode("a\n\rb") == "a\r\n\r\nb")
        #expect(QuotedPrintable.encode("end\n") == "end\r\n")
        #expect(QuotedPrintable.encode("") == "")
        #expect(QuotedPrintable.encode("\n\n") == "\r\n\r\n")
    }

    @Test("'=', non-ASCII and control bytes are =XX in upper-case hex")
    func escapes() {
        #expect(QuotedPrintable.encode("a=b") == "a=3Db")
        #expect(QuotedPrintable.encode("é") == "=C3=A9")
        #expect(QuotedPrintable.encode("🎉") == "=F0=9F=8E=89")
        #expect(QuotedPrintable.encode("\u{0}\u{7F}~!") == "=00=7F~!")
        #expect(QuotedPrintable.encode("=_kado_") == "=3D_kado_")
    }

    @Test("the output never holds '=_', so a '=_kado_' boundary cannot occur in a part")
    func neverEqualsUnderscore() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("=_ \t\r\naé€🎉<>&".unicodeScalars)
        for _ in 0..<300 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...200, using: &generator) {
                text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
            }
            let encoded = QuotedPrintable.encode(String(text))
            #expect(!encoded.contains("=_"))
            #expect(Self.lines(encoded).allSatisfy { $0.utf8.count <= 76 })
            #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
        }
    }

    @Test("appending to a buffer gives the same bytes as the string form")
    func appends() {
        var buffer = Array("head\r\n".utf8)
        QuotedPrintable.encode("é=x ", into: &buffer)
        #expect(buffer == Array("head\r\n=C3=A9=3Dx=20".utf8))
    }
}
