/// One message for ``CurlClient/send(_:)``: the SMTP envelope, the message bytes and
/// how to reach the server.
public struct SMTPRequest: Sendable {
    /// `smtp://host:port` or `smtps://host:port` (implicit TLS). An optional path is
    /// the name sent with `EHLO`, e.g. `smtp://127.0.0.1:2525/kado.example`.
    public var url: String
    /// The envelope sender (`MAIL FROM`), a bare address such as `promo@shop.example`.
    public var from: String
    /// The envelope recipients (`RCPT TO`), bare addresses; at least one.
    public var recipients: [String]
    /// The complete RFC 5322 message (header fields, blank line, body) with CRLF line
    /// endings. Dot-stuffing is done by libcurl.
    public var message: [UInt8]
    /// The user name for `AUTH`, if the server requires it.
    public var username: String?
    /// The password for `AUTH`.
    public var password: String?
    /// Whether and how the connection is encrypted.
    public var tls: TLS
    /// Limit for the whole transaction, connection included.
    public var timeout: Duration
    /// Limit for the connection phase (TCP and TLS handshakes).
    public var connectTimeout: Duration
    /// Accept any server certificate. For tests against local fakes only.
    public var insecureSkipVerify: Bool

    /// Creates a request; credentials, TLS mode and limits have defaults.
    public init(
        url: String,
        from: String,
        recipients: [String],
        message: [UInt8],
        username: String? = nil,
        password: String? = nil,
        tls: TLS = .startTLSRequired,
        timeout: Duration = .seconds(60),
        connectTimeout: Duration = .seconds(10),
        insecureSkipVerify: Bool = false
    ) {
        self.url = url
        self.from = from
        self.recipients = recipients
        self.message = message
        self.username = username
        self.password = password
        self.tls = tls
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.insecureSkipVerify = insecureSkipVerify
    }
}
