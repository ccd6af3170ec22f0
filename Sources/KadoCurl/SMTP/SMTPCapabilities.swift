/// What the server offered in its (last) `EHLO` reply, as far as the delivery uses it.
struct SMTPCapabilities: Sendable, Equatable {
    /// RFC 2920: commands up to `DATA` may be sent in one go.
    var pipelining = false
    /// RFC 6531: addresses may be UTF-8 when `MAIL FROM` says `SMTPUTF8`.
    var smtpUTF8 = false
    /// RFC 1870: `MAIL FROM` may say `SIZE=n`, so that the server refuses a message too
    /// large before the body is sent.
    var size = false

    init(pipelining: Bool = false, smtpUTF8: Bool = false, size: Bool = false) {
        self.pipelining = pipelining
        self.smtpUTF8 = smtpUTF8
        self.size = size
    }

    /// From the reply lines of a session's opening dialogue (greeting, EHLO, STARTTLS,
    /// EHLO again, AUTH): the last `250` reply that follows an `EHLO` counts. Its first
    /// line is the server's name; each further line is one keyword and its parameters.
    init(openingReplies lines: [String]) {
        var block: [Substring] = []
        var current: [Substring] = []
        for line in lines {
            guard line.hasPrefix("250") else {
                current = []
                continue
            }
            current.append(line.dropFirst(4))
            if !line.hasPrefix("250-") {
                block = current
                current = []
            }
        }
        for keyword in block.dropFirst() {
            let word = keyword.prefix { $0 != " " }.uppercased()
            switch word {
            case "PIPELINING": pipelining = true
            case "SMTPUTF8": smtpUTF8 = true
            case "SIZE": size = true
            default: break
            }
        }
    }
}
