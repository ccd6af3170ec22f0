/// One message as the session sends it: the envelope and the body already on the
/// wire's terms, built on the sending task so that the transfer thread only copies.
struct SMTPMessage: Sendable {
    var from: String
    var recipients: [String]
    /// The message dot-stuffed (a line starting with `.` gets another), ended with
    /// CRLF and the `.` line.
    var body: [UInt8]

    init(_ mail: SMTPRequest) {
        from = mail.from
        recipients = mail.recipients
        body = Self.dotStuffed(mail.message)
    }

    /// Whether an envelope address is not ASCII (RFC 6531).
    var needsSMTPUTF8: Bool {
        ([from] + recipients).contains { address in address.utf8.contains { $0 >= 0x80 } }
    }

    /// `message` with a dot before every line that starts with one (RFC 5321 4.5.2),
    /// a final CRLF when it lacks one, then `.` CRLF.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + 16)
        message.withUnsafeBufferPointer { bytes in
            // Copy runs between the lines that start with a dot, adding the dot.
            var runStart = 0
            var lineStart = 0
            while lineStart < bytes.count {
                if bytes[lineStart] == UInt8(ascii: ".") {
                    out.append(contentsOf: bytes[runStart..<lineStart])
                    out.append(UInt8(ascii: "."))
                    runStart = lineStart
                }
                guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else { break }
                lineStart = newline + 1
            }
            out.append(contentsOf: bytes[runStart...])
        }
        if !out.isEmpty && !out.ends(with: [0x0D, 0x0A]) {
            out += [0x0D, 0x0A]
        }
        out += [UInt8(ascii: "."), 0x0D, 0x0A]
        return out
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
