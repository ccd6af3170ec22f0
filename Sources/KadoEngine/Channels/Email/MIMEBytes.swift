/// The byte buffer ``MIMEMessage`` writes a message into: header and body lines with
/// their CRLF, quoted-printable parts, without building a string per line.
struct MIMEBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// The pieces, then CRLF.
    mutating func line(_ pieces: String...) {
        for piece in pieces { bytes.append(contentsOf: piece.utf8) }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// `text` quoted-printable encoded (its own line breaks included, no final CRLF).
    mutating func quotedPrintable(_ text: String) {
        QuotedPrintable.encode(text, into: &bytes)
    }
}
