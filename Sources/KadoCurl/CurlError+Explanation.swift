extension CurlError {
    /// One line saying what failed, at which step, and with whom, without libcurl's
    /// code (``description`` adds it):
    ///
    /// - a timeout names the limit and what was awaited, never a reply code of an
    ///   earlier step: `timeout after 30 s waiting for the reply to DATA from
    ///   smtp://127.0.0.1:2525`, `timeout after 10 s while connecting to https://…`;
    /// - a refused SMTP step quotes the server: `RCPT TO refused by smtp://…: 550 5.1.1
    ///   <x@y>: Recipient address rejected: User unknown`;
    /// - anything else gives libcurl's account and the step: `Failed to connect to
    ///   127.0.0.1 port 1 after 0 ms: Couldn't connect to server, while connecting to
    ///   smtp://…`.
    public var explanation: String {
        if isTimeout {
            let limit = elapsed.map { " after \(Self.seconds($0))" } ?? ""
            return "timeout\(limit) \(waitingWords) \(url)"
        }
        if let responseCode, responseCode >= 400 {
            let step = phase == .greeting ? "session" : phase?.smtpCommand ?? "command"
            return "\(step) refused by \(url): \(serverReply ?? String(responseCode))"
        }
        var text = summary
        if detail.contains(summary) {
            text = detail
        } else if !detail.isEmpty {
            text += ": \(detail)"
        }
        text += ", \(duringWords) \(url)"
        if let serverReply {
            text += " (last reply: \(serverReply))"
        }
        return text
    }

    /// What the transfer was waiting for when its time ran out, before the URL.
    private var waitingWords: String {
        switch phase {
        case .connect: "while connecting to"
        case .greeting: "waiting for the greeting from"
        case .startTLS: "during STARTTLS with"
        case .data where sendingBody: "while sending the message body to"
        case .ehlo, .auth, .mailFrom, .rcptTo, .data:
            "waiting for the reply to \(phase?.smtpCommand ?? "") from"
        case .request: "while sending the request to"
        case .response: "waiting for the response from"
        case nil: "talking to"
        }
    }

    /// The step a failure happened in, before the URL.
    private var duringWords: String {
        switch phase {
        case .connect: "while connecting to"
        case .greeting: "at the greeting of"
        case .ehlo, .startTLS, .auth, .mailFrom, .rcptTo, .data: "during \(phase?.smtpCommand ?? "") with"
        case .request: "while sending the request to"
        case .response: "while receiving the response from"
        case nil: "talking to"
        }
    }

    /// `30 s`, `1 s`, `0.3 s`: whole seconds from 10 s on, tenths below.
    static func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        let tenths = whole * 10 + (attoseconds + 50_000_000_000_000_000) / 100_000_000_000_000_000
        if tenths >= 100 || tenths % 10 == 0 {
            return "\((tenths + 5) / 10) s"
        }
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
