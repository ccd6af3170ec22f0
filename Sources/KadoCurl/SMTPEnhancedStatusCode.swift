/// An enhanced mail system status code (RFC 3463), such as `5.1.1` (bad destination
/// mailbox address), which servers announcing `ENHANCEDSTATUSCODES` (RFC 2034) put
/// after the reply code: `550 5.1.1 <x@y>: Recipient address rejected`.
public struct SMTPEnhancedStatusCode: Sendable, Hashable, CustomStringConvertible {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public var statusClass: Int
    /// The subject: 1 addressing, 2 mailbox, 3 mail system, 4 network and routing,
    /// 5 mail delivery protocol, 6 message content, 7 security or policy.
    public var subject: Int
    /// The detail within the subject (`5.1.1`: bad destination mailbox address).
    public var detail: Int

    /// Creates a code from its three parts.
    public init(statusClass: Int, subject: Int, detail: Int) {
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// Parses `class.subject.detail`, e.g. `5.1.1`: class 2, 4 or 5, then one to three
    /// digits for each of subject and detail.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            parts.allSatisfy({
                (1...3).contains($0.count) && $0.utf8.allSatisfy { (0x30...0x39).contains($0) }
            }),
            parts[0].count == 1, let statusClass = Int(parts[0]), [2, 4, 5].contains(statusClass),
            let subject = Int(parts[1]), let detail = Int(parts[2])
        else { return nil }
        self.init(statusClass: statusClass, subject: subject, detail: detail)
    }

    /// The code that follows the reply code in a reply line (`550 5.1.1 text`), when
    /// there is one and its class matches the reply code's first digit.
    public init?(reply: some StringProtocol) {
        let utf8 = Array(reply.utf8.prefix(4))
        guard utf8.count == 4, utf8[3] == UInt8(ascii: " ") || utf8[3] == UInt8(ascii: "-") else {
            return nil
        }
        let afterCode = reply.dropFirst(4)
        guard let code = Self(afterCode.prefix { $0 != " " }),
            UInt8(ascii: "0") + UInt8(code.statusClass) == utf8[0]
        else { return nil }
        self = code
    }

    /// `class.subject.detail`, e.g. `5.1.1`.
    public var description: String {
        "\(statusClass).\(subject).\(detail)"
    }
}
