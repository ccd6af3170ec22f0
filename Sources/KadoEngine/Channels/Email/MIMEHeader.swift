import Foundation

/// Builds header fields that keep to RFC 5322 and RFC 2047: one logical field per
/// value, folded with CRLF + space so that no line exceeds 78 characters (for values
/// that can be folded), and non-ASCII text as `=?UTF-8?B?...?=` encoded-words.
enum MIMEHeader {
    /// The folding limit for header lines, without the CRLF.
    static let lineLimit = 78
    /// The longest encoded-word RFC 2047 allows.
    static let encodedWordLimit = 75

    /// `Name: value` for free text (e.g. `Subject`): control characters become
    /// spaces; printable ASCII is folded at spaces, anything else (or ASCII that
    /// cannot be folded short enough) is written as encoded-words.
    static func unstructured(_ name: String, _ value: String) -> String {
        let text = MessageText.singleLine(value)
        let prefix = name + ":"
        if MessageText.isPlainASCII(text), let folded = foldedAtSpaces(prefix, text) {
            return folded
        }
        return prefix + " " + encodedWords(text, firstLineUsed: prefix.count + 1).joined(separator: "\r\n ")
    }

    /// `Name: mailbox` for `From` and `To`: the bare address, or the display name as
    /// a quoted string (printable ASCII that fits) or encoded-words, then `<address>`.
    static func mailbox(_ name: String, _ mailbox: MailAddress) -> String {
        let prefix = name + ": "
        guard let displayName = mailbox.displayName else {
            return prefix + mailbox.address
        }
        let angle = "<" + mailbox.address + ">"
        if MessageText.isPlainASCII(displayName) {
            let line = prefix + quoted(displayName) + " " + angle
            if line.utf8.count <= lineLimit { return line }
        }
        var lines = encodedWords(displayName, firstLineUsed: prefix.count)
        lines[0] = prefix + lines[0]
        if let last = lines.last, last.count + 1 + angle.count + (lines.count == 1 ? 0 : 1) <= lineLimit {
            lines[lines.count - 1] = last + " " + angle
        } else {
            lines.append(angle)
        }
        return lines.joined(separator: "\r\n ")
    }

    /// `text` as a quoted string: backslash and double quote escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\\" || character == "\"" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    /// `prefix text` (printable ASCII, so bytes are characters) folded before spaces so that
    /// each line fits; nil when a single word is too long to fit on a line.
    static func foldedAtSpaces(_ prefix: String, _ text: String) -> String? {
        if prefix.utf8.count + 1 + text.utf8.count <= lineLimit { return prefix + " " + text }
        var lines: [String] = []
        var line = prefix
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if line.utf8.count + 1 + word.utf8.count <= lineLimit || word.isEmpty {
                line += " " + word
            } else {
                lines.append(line)
                line = " " + word
            }
        }
        lines.append(line)
        guard lines.allSatisfy({ $0.utf8.count <= lineLimit }) else { return nil }
        return lines.joined(separator: "\r\n")
    }

    /// `text` as base64 encoded-words split at Unicode scalar boundaries: the first
    /// fits after `firstLineUsed` characters, each further one on a line of its own
    /// after one space of folding. Empty text gives one empty word.
    static func encodedWords(_ text: String, firstLineUsed: Int) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        var room = capacity(lineRoom: lineLimit - firstLineUsed)
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > room, !chunk.isEmpty {
                // Prefer to end a word just after a space: decoders that (against RFC
                // 2047) keep the folding space between words then only double a space
                // instead of splitting a word.
                var carry: [UInt8] = []
                if let space = chunk.lastIndex(of: 0x20), space > 0, space + 1 < chunk.count {
                    carry = Array(chunk[(space + 1)...])
                    chunk.removeSubrange((space + 1)...)
                }
                words.append(encodedWord(chunk))
                room = capacity(lineRoom: lineLimit - 1)
                if carry.count + bytes.count > room {
                    words.append(encodedWord(carry))
                    carry.removeAll()
                }
                chunk = carry
            }
            chunk += bytes
        }
        words.append(encodedWord(chunk))
        return words
    }

    /// How many UTF-8 bytes fit in one encoded-word on `lineRoom` characters (at
    /// least one character's worth, so that encoding always progresses).
    private static func capacity(lineRoom: Int) -> Int {
        let room = min(encodedWordLimit, lineRoom)
        let overhead = "=?UTF-8?B??=".count
        return max(4, (room - overhead) / 4) * 3
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// One-click unsubscribe (RFC 8058, RFC 2369): `List-Unsubscribe: <url>` and
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`; none for a missing URL or one
    /// that is not plain printable ASCII (it could not be written as one header value).
    static func listUnsubscribe(_ url: String?) -> [String] {
        guard let url, !url.isEmpty, url.utf8.count < 900,
            url.utf8.allSatisfy({
                $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">")
            })
        else { return [] }
        let field = "List-Unsubscribe: <" + url + ">"
        return [
            field.count <= lineLimit ? field : "List-Unsubscribe:\r\n <" + url + ">",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        ]
    }
}
