import KadoCurl

extension SMTPProvider {
    /// Classifies a failed delivery: SMTP 4xx replies, refused connections, timeouts
    /// and other passing network trouble are retried; a refused login (530, 534, 535)
    /// pauses the channel; 550/551/553 to RCPT TO means the mailbox cannot get mail
    /// (unreachable recipient); other SMTP 5xx replies, TLS required but unavailable and
    /// invalid requests fail.
    ///
    /// The reason quotes the server's own reply to the step it refused (`SMTP RCPT TO
    /// refused by smtp://…: 550 5.1.1 <x@y>: Recipient address rejected`), says what a
    /// timeout was waiting for (`SMTP timeout after 30 s waiting for the reply to DATA
    /// from smtp://…`), and otherwise gives libcurl's account with its code. The
    /// structured code is `smtp 550 5.1.1`, `timeout data`, or `curl N`.
    static func outcome(of error: any Error) -> DeliveryResult {
        guard let curl = error as? CurlError else {
            return .transportFailure(error, service: "SMTP")
        }
        let refused = (curl.responseCode ?? 0) >= 400
        var reason = "SMTP " + (curl.isTimeout || refused ? curl.explanation : curl.description)
        let code: String
        if curl.isTimeout {
            code = "timeout" + (curl.phase.map { " \($0.rawValue.lowercased())" } ?? "")
        } else if let reply = curl.responseCode {
            code = "smtp \(reply)" + (curl.enhancedStatusCode.map { " \($0)" } ?? "")
        } else {
            code = "curl \(curl.code.rawValue)"
        }
        switch curl.code {
        case .loginDenied:
            reason += " (login denied: check username and password)"
            return .unauthorized(reason: reason, code: code)
        case .useSSLFailed: reason += " (the server does not offer STARTTLS, which tls: starttls requires)"
        default: break
        }
        if let reply = curl.responseCode, [530, 534, 535].contains(reply) {
            return .unauthorized(reason: reason, code: code)
        }
        if curl.isTransient { return .retry(after: nil, reason: reason, code: code) }
        if let reply = curl.responseCode, [550, 551, 553].contains(reply), curl.phase == .rcptTo {
            return .failed(reason: reason, code: code, kind: .recipientUnreachable)
        }
        return .failed(reason: reason, code: code)
    }
}
