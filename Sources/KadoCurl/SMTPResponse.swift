import Foundation

/// The server's answer to an accepted message.
public struct SMTPResponse: Sendable {
    /// The last reply code, normally 250.
    public var code: Int
    /// Every reply line the server sent during the transaction, in order.
    public var replies: [String]

    /// Creates a response (useful for fakes in tests of code that consumes responses).
    public init(code: Int, replies: [String] = []) {
        self.code = code
        self.replies = replies
    }

    /// The final reply line, e.g. `250 2.0.0 Ok: queued as 4Bc1x2`.
    public var lastReply: String? {
        replies.last
    }

    /// The server's queue id from the final reply, when it uses a known shape
    /// (`queued as ID` as Postfix does, or `id=ID` as Exim does).
    public var queueID: String? {
        guard let reply = lastReply else { return nil }
        for marker in ["queued as ", "id="] {
            if let range = reply.range(of: marker) {
                let id = reply[range.upperBound...].prefix { !$0.isWhitespace }
                if !id.isEmpty { return String(id) }
            }
        }
        return nil
    }
}
