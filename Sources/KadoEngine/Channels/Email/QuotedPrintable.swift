/// Quoted-printable body encoding (RFC 2045 6.7) for text parts: line breaks of any
/// kind become CRLF, lines are at most 76 characters (soft breaks end in `=`), and
/// `=`, non-ASCII bytes, control characters and trailing white space are escaped.
/// Its output never contains `=_`, which is what makes ``MIMEMessage``'s boundaries
/// safe.
enum QuotedPrintable {
    /// The longest encoded line, soft-break `=` included.
    static let lineLimit = 76

    /// Encodes the UTF-8 bytes of `text`.
    static func encode(_ text: String) -> String {
        var lines: [[UInt8]] = [[]]
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case 0x0D:
                lines.append([])
                previousWasCR = true
                continue
            case 0x0A where previousWasCR:
                break
            case 0x0A:
                lines.append([])
            default:
                lines[lines.count - 1].append(byte)
            }
            previousWasCR = false
        }
        return lines.map(encodeLine).joined(separator: "\r\n")
    }

    /// One line without its break, with soft breaks where needed.
    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var output = ""
        var column = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let token = tokenFor(byte, atEnd: isLast)
            let limit = isLast ? lineLimit : lineLimit - 1
            if column + token.count > limit {
                output += "=\r\n"
                column = 0
            }
            output += token
            column += token.count
        }
        return output
    }

    private static func tokenFor(_ byte: UInt8, atEnd: Bool) -> String {
        let literal =
            (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "="))
            || ((byte == 0x20 || byte == 0x09) && !atEnd)
        if literal { return String(UnicodeScalar(byte)) }
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
