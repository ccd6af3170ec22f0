import KadoCurl

extension SMTPProvider {
    /// Classifies a failed delivery: SMTP 4xx replies, refused connections, timeouts
    /// and other passing network trouble are retried; SMTP 5xx replies, login denied,
    /// TLS required but unavailable and invalid requests fail.
    ///
    /// The reason quotes the server's own reply to the step it refused (`SMTP RCPT TO
    /// refused by smtp://…: 550 5.1.1 <x@y>: Recipient address rejected`), says what a
    /// timeout was waiting for (`SMTP timeout after 30 s waiting for the reply to DATA
    /// from smtp://…`), and otherwise gives libcurl's account with its code.
    static func outcome(of error: any Error) -> DeliveryResult {
        guard let curl = error as? CurlError else {
            return .transportFailure(error, service: "SMTP")
        }
        let refused = (curl.responseCode ?? 0) >= 400
        var reason = "SMTP " + (curl.isTimeout || refused ? curl.explanation : curl.description)
        switch curl.code {
        case .loginDenied: reason += " (login denied: check username and password)"
        case .useSSLFailed: reason += " (the server does not offer STARTTLS, which tls: starttls requires)"
        default: break
        }
        return curl.isTransient ? .retry(after: nil, reason: reason) : .failed(reason: reason)
    }
}
