/// Splits the bytes a server sends into complete replies: lines end with LF (CR before
/// it dropped), a line whose code is followed by `-` continues the reply, one followed
/// by a space or nothing ends it (RFC 5321 4.2.1).
///
/// A line longer than ``maxLineBytes`` or a reply of more than ``maxLines`` lines is a
/// protocol violation: a hostile or broken server cannot make the client buffer
/// without bound.
struct SMTPReplyReader {
    static let maxLineBytes = 4096
    static let maxLines = 256

    /// Why the bytes are not SMTP.
    enum Violation: Error, Equatable {
        case notAReplyLine
        case lineTooLong
        case tooManyLines
    }

    private var buffer: [UInt8] = []
    private var start = 0
    private var lines: [String] = []
    private var code = 0

    /// Whether bytes of an unfinished reply are waiting for more.
    var hasPartialReply: Bool { start < buffer.count || !lines.isEmpty }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete reply, nil when more bytes are needed.
    mutating func next() throws(Violation) -> SMTPReply? {
        while let newline = buffer[start...].firstIndex(of: 0x0A) {
            var end = newline
            if end > start, buffer[end - 1] == 0x0D { end -= 1 }
            let line = buffer[start..<end]
            start = newline + 1
            guard line.count <= Self.maxLineBytes else { throw .lineTooLong }
            guard line.count >= 3, line.prefix(3).allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw .notAReplyLine
            }
            let first = line.startIndex
            let lineCode =
                Int(line[first] - 0x30) * 100 + Int(line[first + 1] - 0x30) * 10 + Int(line[first + 2] - 0x30)
            if lines.isEmpty { code = lineCode }
            lines.append(String(decoding: line, as: UTF8.self))
            guard lines.count <= Self.maxLines else { throw .tooManyLines }
            if line.count > 3, line[first + 3] == UInt8(ascii: "-") { continue }
            defer { lines.removeAll(keepingCapacity: true) }
            compact()
            return SMTPReply(code: code, lines: lines)
        }
        guard buffer.count - start <= Self.maxLineBytes else { throw .lineTooLong }
        compact()
        return nil
    }

    /// Drops consumed bytes once they are most of the buffer.
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 4096 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
