import KadoCurl

extension SMTPProvider {
    /// Classifies a failed delivery: SMTP 4xx replies, refused connections, timeouts
    /// and other passing network trouble are retried; SMTP 5xx replies, login denied,
    /// TLS required but unavailable and invalid requests fail. The reason names the
    /// server's reply code and libcurl's account of the step that failed.
    static func outcome(of error: any Error) -> DeliveryResult {
        guard let curl = error as? CurlError else {
            return .transportFailure(error, service: "SMTP")
        }
        var reason: String
        if let code = curl.responseCode {
            reason = "SMTP \(code) from \(curl.url): \(curl.detail.isEmpty ? curl.summary : curl.detail)"
        } else {
            reason = "SMTP \(curl.description)"
        }
        let code =
            curl.code == .operationTimedOut
            ? "timeout" : curl.responseCode.map { "smtp \($0)" } ?? "curl \(curl.code.rawValue)"
        switch curl.code {
        case .loginDenied:
            reason += " (login denied: check username and password)"
            return .unauthorized(reason: reason, code: code)
        case .useSSLFailed: reason += " (the server does not offer STARTTLS, which tls: starttls requires)"
        default: break
        }
        if curl.responseCode == 535 || curl.responseCode == 534 || curl.responseCode == 530 {
            return .unauthorized(reason: reason, code: code)
        }
        if curl.isTransient { return .retry(after: nil, reason: reason, code: code) }
        // 550/551/553 to RCPT: the mailbox does not exist or cannot take mail.
        if let reply = curl.responseCode, [550, 551, 553].contains(reply) {
            return .failed(reason: reason, code: code, kind: .recipientUnreachable)
        }
        return .failed(reason: reason, code: code)
    }
}
