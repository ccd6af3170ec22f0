/// The server's own words for an error message: the last reply of an SMTP dialogue
/// folded into one bounded line without control characters, so that what a server
/// sends cannot break a log line or a one-line CLI error.
enum SMTPReplyText {
    /// At most this many characters are kept (RFC 5321 limits a reply line to 512
    /// octets); longer text ends with `…`.
    static let limit = 512

    /// The last reply in `lines` (reply lines without line ends, in arrival order): a
    /// multi-line reply (`550-first`, `550 last`) becomes `550 first last`, its
    /// repeated code and enhanced status code dropped from the continuation lines.
    static func lastReply(in lines: [String]) -> String? {
        guard let lastIndex = lines.lastIndex(where: { !$0.isEmpty }) else { return nil }
        let last = lines[lastIndex]
        guard let code = replyCode(last) else { return oneLine(last) }
        var first = lastIndex
        while first > lines.startIndex, lines[first - 1].hasPrefix(code + "-") {
            first -= 1
        }
        let texts = lines[first...lastIndex].map { $0.dropFirst(4) }
        let enhanced = SMTPEnhancedStatusCode(reply: lines[first]).map { "\($0) " }
        var text = code + " " + texts[0]
        for continuation in texts.dropFirst() {
            var rest = continuation
            if let enhanced, rest.hasPrefix(enhanced) {
                rest = rest.dropFirst(enhanced.count)
            }
            text += " " + rest
        }
        return oneLine(text)
    }

    /// `text` on one line: control characters become spaces, runs of white space one
    /// space, the ends trimmed, at most ``limit`` characters.
    static func oneLine(_ text: String) -> String? {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.unicodeScalars.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(scalar)
        }
        guard !result.isEmpty else { return nil }
        return result.count > limit ? String(result.prefix(limit - 1)) + "…" : result
    }

    /// The three-digit code of a reply line (`550` of `550 5.1.1 ...` or `550-...`).
    private static func replyCode(_ line: String) -> String? {
        let head = Array(line.utf8.prefix(4))
        guard head.count >= 3, head[0...2].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        guard head.count == 3 || head[3] == UInt8(ascii: " ") || head[3] == UInt8(ascii: "-") else {
            return nil
        }
        return String(line.prefix(3))
    }
}
