/// Which sessions can carry a message: the same server reached the same way, with the
/// same credentials. A message waits for (or opens) a session of its own key.
struct SMTPServerKey: Hashable, Sendable {
    /// The URL libcurl connects to; `smtps://` for implicit TLS.
    var url: String
    var tls: SMTPRequest.TLS
    var username: String?
    var password: String?
    var insecureSkipVerify: Bool
    var connectTimeout: Duration

    init(_ mail: SMTPRequest) {
        var url = mail.url
        if mail.tls == .implicit, url.lowercased().hasPrefix("smtp://") {
            url = "smtps://" + url.dropFirst("smtp://".count)
        }
        self.url = url
        tls = mail.tls
        username = mail.username
        password = mail.password
        insecureSkipVerify = mail.insecureSkipVerify
        connectTimeout = mail.connectTimeout
    }
}
