extension SMTPRequest {
    /// How an SMTP connection is encrypted.
    public enum TLS: String, Sendable, CaseIterable {
        /// Plain text, no `STARTTLS` (local relays and tests only). An `smtps://` URL
        /// still means implicit TLS.
        case none
        /// Upgrade with `STARTTLS`; fail if the server does not offer it.
        case startTLSRequired
        /// Upgrade with `STARTTLS` when the server offers it, stay in clear text when it
        /// does not (`CURLUSESSL_TRY`). A failed handshake still fails: only the offer is
        /// optional.
        case startTLSIfOffered
        /// TLS from the first byte (`smtps://`, usually port 465). An `smtp://` URL is
        /// upgraded to `smtps://`.
        case implicit
    }
}
