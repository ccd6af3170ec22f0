/// One complete SMTP reply: the three-digit code and every line of it as received,
/// without line ends (`250-first`, `250 last`).
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    /// 2xx or 3xx: the step was accepted (or, for 354, more input is wanted).
    var isPositive: Bool { (200..<400).contains(code) }

    /// The server's words on one bounded line, for errors (``SMTPReplyText``).
    var text: String? { SMTPReplyText.lastReply(in: lines) }
}
