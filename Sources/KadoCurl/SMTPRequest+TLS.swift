extension SMTPRequest {
    /// How an SMTP connection is encrypted.
    public enum TLS: String, Sendable, CaseIterable {
        /// Plain text, no `STARTTLS` (local relays and tests only). An `smtps://` URL
        /// still means implicit TLS.
        case none
        /// Upgrade with `STARTTLS`; fail if the server does not offer it.
        case startTLSRequired
        /// TLS from the first byte (`smtps://`, usually port 465). An `smtp://` URL is
        /// upgraded to `smtps://`.
        case implicit
    }
}
