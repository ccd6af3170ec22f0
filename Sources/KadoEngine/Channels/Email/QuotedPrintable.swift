/// Quoted-printable body encoding (RFC 2045 6.7) for text parts: line breaks of any
/// kind (CRLF, LF, lone CR) become CRLF, lines are at most 76 characters (soft breaks
/// end in `=`), and `=`, non-ASCII bytes, control characters and white space at the end
/// of a line are escaped as `=XX` (upper-case hex).
///
/// Its output never contains `=_` (an `=` is always followed by a hex digit or a line
/// break), which is what makes ``MIMEMessage``'s `=_kado_` boundaries safe without
/// searching the parts for them.
///
/// It works on the UTF-8 bytes and appends to a byte buffer: no string or array per
/// byte (bench/dispatch).
enum QuotedPrintable {
    /// The longest encoded line, soft-break `=` included.
    static let lineLimit = 76

    /// Encodes the UTF-8 bytes of `text`.
    static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        encode(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoding of `text`'s UTF-8 bytes to `out`.
    static func encode(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { encode($0, into: &out) }
    }

    /// Appends the encoding of `bytes` to `out`.
    static func encode(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let cr: UInt8 = 0x0D
        let lf: UInt8 = 0x0A
        let equals: UInt8 = 0x3D
        out.reserveCapacity(out.count + bytes.count + bytes.count / 4 + 8)
        var column = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == cr || byte == lf {
                out.append(cr)
                out.append(lf)
                column = 0
                index += byte == cr && index + 1 < count && bytes[index + 1] == lf ? 2 : 1
                continue
            }
            let next = index + 1
            let atEnd = next == count || bytes[next] == cr || bytes[next] == lf
            let literal =
                (byte >= 0x21 && byte <= 0x7E && byte != equals) || ((byte == 0x20 || byte == 0x09) && !atEnd)
            let width = literal ? 1 : 3
            // A soft break needs one column for its `=`, except before the line's last byte.
            if column + width > (atEnd ? lineLimit : lineLimit - 1) {
                out.append(equals)
                out.append(cr)
                out.append(lf)
                column = 0
            }
            if literal {
                out.append(byte)
            } else {
                out.append(equals)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0F))
            }
            column += width
            index = next
        }
    }

    /// The upper-case hex digit of a value below 16.
    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x37 + value
    }
}
