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
        switch curl.code {
        case .loginDenied: reason += " (login denied: check username and password)"
        case .useSSLFailed: reason += " (the server does not offer STARTTLS, which tls: starttls requires)"
        default: break
        }
        return curl.isTransient ? .retry(after: nil, reason: reason) : .failed(reason: reason)
    }
}
