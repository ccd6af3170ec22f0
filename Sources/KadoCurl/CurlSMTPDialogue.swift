/// How far the SMTP dialogue of one transfer got, so that a failure can name its step.
///
/// Fed with the command lines libcurl sends (the debug callback's
/// `CURLINFO_HEADER_OUT`: for SMTP, every command line as written, `AUTH` arguments and
/// SASL continuation lines included) and the reply lines it receives (the header
/// callback). It keeps no text, only the last command verb and whether the server
/// still owes an answer, so credentials and message content never stay in memory
/// here and nothing is allocated per line.
///
/// When libcurl closes a connection with the handle of a failed transfer, it sends
/// `QUIT` through the same callbacks; the dialogue ends there, so the failure keeps
/// its own step and reply rather than `QUIT` and `221 Bye`.
struct CurlSMTPDialogue {
    /// The commands libcurl sends for a delivery.
    enum Command: UInt8 {
        case none
        case ehlo
        case startTLS
        case auth
        case mailFrom
        case rcptTo
        case data
        case quit
        case other
    }

    /// The last command sent; `.none` before the first one.
    private(set) var lastCommand = Command.none
    /// Whether the server owes an answer for the step in progress: set when a command
    /// goes out, kept by an intermediate reply (3xx: more input wanted, or the 220 to
    /// `STARTTLS` which a TLS handshake follows), cleared by a final reply.
    private(set) var awaitingReply = false
    /// Whether any reply line arrived.
    private(set) var sawReply = false
    /// Whether libcurl sent `QUIT`: nothing after it belongs to the delivery.
    private(set) var isClosing = false
    /// Whether the last reply asked for a SASL continuation (334): the next line sent
    /// is then credentials, not a command, whatever its first letters are.
    private var continuationRequested = false

    /// A command line went out (the first bytes of `line` name the command).
    mutating func sent(_ line: UnsafeRawBufferPointer) {
        guard !isClosing else { return }
        if continuationRequested {
            continuationRequested = false
            awaitingReply = true
            return
        }
        let command = Self.command(line)
        guard command != .quit else {
            isClosing = true
            return
        }
        lastCommand = command
        awaitingReply = true
    }

    /// A reply line arrived; only the final line of a reply (`250 ...`, not `250-...`)
    /// changes the state.
    mutating func received(_ line: UnsafeRawBufferPointer) {
        guard !isClosing else { return }
        sawReply = true
        guard line.count >= 3, line[0...2].allSatisfy({ (0x30...0x39).contains($0) }),
            line.count == 3 || line[3] != UInt8(ascii: "-")
        else { return }
        let code = Int(line[0] - 0x30) * 100 + Int(line[1] - 0x30) * 10 + Int(line[2] - 0x30)
        continuationRequested = code == 334
        awaitingReply = (300..<400).contains(code) || (code == 220 && lastCommand == .startTLS)
    }

    /// The command a line starts with, from its first four letters.
    private static func command(_ line: UnsafeRawBufferPointer) -> Command {
        guard line.count >= 4 else { return .other }
        // ASCII letters to upper case: clear bit 5 of each byte.
        let word = line.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1 & 0xDF) }
        return verbs.first { $0.word == word }?.command ?? .other
    }

    private static let verbs: [(word: UInt32, command: Command)] = [
        ("EHLO", .ehlo), ("HELO", .ehlo), ("STARTTLS", .startTLS), ("AUTH", .auth), ("MAIL", .mailFrom),
        ("RCPT", .rcptTo), ("DATA", .data), ("QUIT", .quit),
    ].map { (text, command) in
        (text.utf8.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }, command)
    }
}
