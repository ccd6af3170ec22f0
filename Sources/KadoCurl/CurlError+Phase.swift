extension CurlError {
    /// The step a transfer had reached when it failed: for a timeout, what it was
    /// waiting for.
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        /// The TCP connection, or the TLS handshake of `smtps://` and `https://`, was
        /// not established.
        case connect
        /// SMTP: connected, but the server's greeting (220) had not arrived, or it
        /// refused the session.
        case greeting
        /// SMTP: `EHLO`, or the `HELO` libcurl falls back to.
        case ehlo
        /// SMTP: `STARTTLS` and the TLS handshake that follows it.
        case startTLS
        /// SMTP: the `AUTH` exchange.
        case auth
        /// SMTP: `MAIL FROM`.
        case mailFrom
        /// SMTP: `RCPT TO`.
        case rcptTo
        /// SMTP: `DATA`: the command, the message body, the final reply.
        case data
        /// HTTP: connected, the request was being sent.
        case request
        /// HTTP: the request was sent, the response had not (completely) arrived.
        case response

        /// The SMTP command of this phase as it goes on the wire (`RCPT TO`), if any.
        public var smtpCommand: String? {
            switch self {
            case .ehlo: "EHLO"
            case .startTLS: "STARTTLS"
            case .auth: "AUTH"
            case .mailFrom: "MAIL FROM"
            case .rcptTo: "RCPT TO"
            case .data: "DATA"
            case .connect, .greeting, .request, .response: nil
            }
        }
    }
}
