import KadoCurl

/// Text clean-up shared by the message builders (MIME headers, WhatsApp parameters, webhook
/// events, failure reasons): nothing from user data may break a header or a log line.
enum MessageText {
    /// `text` on one line: every control character (CR, LF, TAB, NUL, DEL, C1,
    /// U+2028/U+2029 included) becomes a space, runs of spaces collapse to one, and
    /// leading and trailing spaces are dropped.
    static func singleLine(_ text: String) -> String {
        if isSingleLine(text.utf8) { return text }
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isBreaking(scalar) || scalar == " " {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// Whether ``singleLine(_:)`` would return `text` unchanged: no control character, line
    /// or paragraph separator, no space at either end and no two spaces in a row (checked on
    /// the UTF-8 bytes; C1 controls are C2 80...C2 9F, U+2028 and U+2029 E2 80 A8/A9).
    static func isSingleLine(_ text: String.UTF8View) -> Bool {
        guard text.first != 0x20, text.last != 0x20 else { return false }
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text {
            if byte < 0x20 || byte == 0x7F || (byte == 0x20 && previous == 0x20) { return false }
            if previous == 0xC2 && (0x80...0x9F).contains(byte) { return false }
            if beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9) { return false }
            beforePrevious = previous
            previous = byte
        }
        return true
    }

    /// Whether a scalar is a control character or a line or paragraph separator.
    static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}"
            || scalar == "\u{2029}"
    }

    /// Whether `text` is printable ASCII (space to tilde) that cannot be mistaken for
    /// an RFC 2047 encoded-word, so it can go into a header as is.
    static func isPlainASCII(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            guard byte >= 0x20, byte < 0x7F, !(previous == UInt8(ascii: "=") && byte == UInt8(ascii: "?"))
            else {
                return false
            }
            previous = byte
        }
        return true
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmingSpaces(_ text: String) -> String {
        Substring(text).trimmingSpaces()
    }

    /// `text` with control characters shown as `\u{..}`, for error messages.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isBreaking(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
