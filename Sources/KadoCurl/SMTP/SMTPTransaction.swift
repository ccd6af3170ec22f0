/// The SMTP dialogue of one message on an open session, without any I/O: it says what
/// to send and reads the replies. `MAIL FROM`, every `RCPT TO` and `DATA` go out in one
/// write when the server offers PIPELINING (RFC 2920), one at a time otherwise; the
/// body, dot-stuffed and ended with `.`, follows the 354.
///
/// Like libcurl's own SMTP transfer, a refused recipient fails the message. After a
/// refusal the session is reset with `RSET` and kept; when the server still answered
/// `DATA` with 354 (another recipient was accepted), the half-begun message can only be
/// abandoned by closing the connection, and nothing is delivered.
struct SMTPTransaction {
    /// What the session does after a reply.
    enum Next: Equatable {
        /// Send these bytes; more replies are due.
        case send([UInt8])
        /// More replies are due.
        case wait
        /// The final reply accepted the message.
        case delivered(SMTPReply)
        /// The server refused the step; the session goes on as `then` says.
        case refused(CurlError.Phase, SMTPReply, then: Aftermath)
    }

    /// What a refusal leaves of the session.
    enum Aftermath: Equatable {
        /// The server ended the transaction itself (a refused final reply): reusable.
        case keep
        /// A transaction may be open on the server: `RSET` first.
        case reset
        /// Only closing the connection ends what was begun.
        case close
    }

    private enum Step {
        case mailFrom
        case rcptTo(Int)
        case data
        case body
    }

    let pipelined: Bool
    private let recipients: [String]
    private let mailCommand: [UInt8]
    private let body: [UInt8]
    /// Replies still due, oldest first.
    private var due: [Step] = []
    private var dueIndex = 0
    /// The first refusal while pipelined replies are still coming in.
    private var refusal: (phase: CurlError.Phase, reply: SMTPReply)?
    /// Every reply line of this message, in order.
    private(set) var replyLines: [String] = []
    /// Whether the body has been handed out (after the 354).
    private(set) var bodyStarted = false

    /// Prepares the commands for `mail` as the server's `capabilities` allow.
    init(_ mail: SMTPMessage, capabilities: SMTPCapabilities) {
        pipelined = capabilities.pipelining
        recipients = mail.recipients
        var command = "MAIL FROM:" + Self.path(mail.from)
        if capabilities.size { command += " SIZE=\(mail.body.count)" }
        if capabilities.smtpUTF8, mail.needsSMTPUTF8 { command += " SMTPUTF8" }
        mailCommand = Array((command + "\r\n").utf8)
        body = mail.body
    }

    /// The phase whose reply is awaited: what a timeout was waiting for.
    var phase: CurlError.Phase {
        guard dueIndex < due.count else { return .data }
        switch due[dueIndex] {
        case .mailFrom: return .mailFrom
        case .rcptTo: return .rcptTo
        case .data, .body: return .data
        }
    }

    /// The first bytes to send.
    mutating func start() -> [UInt8] {
        guard pipelined else {
            due = [.mailFrom]
            return mailCommand
        }
        var bytes = mailCommand
        due = [.mailFrom]
        for index in recipients.indices {
            bytes += rcptCommand(index)
            due.append(.rcptTo(index))
        }
        bytes += Self.dataCommand
        due.append(.data)
        return bytes
    }

    /// Reads one reply and says what comes next.
    mutating func receive(_ reply: SMTPReply) -> Next {
        replyLines += reply.lines
        guard dueIndex < due.count else {
            // Nothing was asked: a server speaking out of turn is refusing the session.
            return .refused(phase, reply, then: .close)
        }
        let step = due[dueIndex]
        dueIndex += 1
        switch step {
        case .mailFrom:
            guard reply.isPositive else { return refuse(.mailFrom, reply) }
            return pipelined ? .wait : next(after: .mailFrom)
        case .rcptTo(let index):
            guard reply.isPositive else { return refuse(.rcptTo, reply) }
            return pipelined ? .wait : next(after: .rcptTo(index))
        case .data:
            if let refusal {
                // 354 after a refusal: the server waits for a body that must not come.
                return .refused(refusal.phase, refusal.reply, then: reply.code == 354 ? .close : .reset)
            }
            guard reply.code == 354 else { return .refused(.data, reply, then: .reset) }
            due.append(.body)
            bodyStarted = true
            return .send(body)
        case .body:
            guard reply.isPositive else { return .refused(.data, reply, then: .keep) }
            return .delivered(reply)
        }
    }

    /// A refused step: one at a time it ends the message at once; pipelined, the
    /// replies already asked for are read first (the first refusal is the one reported).
    private mutating func refuse(_ phase: CurlError.Phase, _ reply: SMTPReply) -> Next {
        guard pipelined else { return .refused(phase, reply, then: .reset) }
        if refusal == nil { refusal = (phase, reply) }
        return .wait
    }

    /// One at a time: the command after an accepted step.
    private mutating func next(after step: Step) -> Next {
        let following: Int
        switch step {
        case .mailFrom: following = 0
        case .rcptTo(let index): following = index + 1
        case .data, .body: return .wait
        }
        if following < recipients.count {
            due.append(.rcptTo(following))
            return .send(rcptCommand(following))
        }
        due.append(.data)
        return .send(Self.dataCommand)
    }

    private func rcptCommand(_ index: Int) -> [UInt8] {
        Array(("RCPT TO:" + Self.path(recipients[index]) + "\r\n").utf8)
    }

    private static let dataCommand = Array("DATA\r\n".utf8)

    /// An address as a path: `<a@b>`; already bracketed addresses as given.
    private static func path(_ address: String) -> String {
        address.hasPrefix("<") ? address : "<" + address + ">"
    }
}
