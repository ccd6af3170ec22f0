/// The envelope `scripts/fakes/smtp_server.py` writes beside each message
/// (`<n>.json` next to `<n>.eml`).
public struct FakeEnvelope: Decodable, Sendable {
    /// The `MAIL FROM` address.
    public let mail_from: String
    /// The accepted `RCPT TO` addresses, in order.
    public let rcpt_tos: [String]
    /// The user name the client authenticated as, or nil without `AUTH`.
    public let auth_user: String?
    /// The id in the server's final reply (`queued as <id>`).
    public let queue_id: String
}
