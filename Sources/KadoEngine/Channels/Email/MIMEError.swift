/// A message that cannot be built: an invalid address or Message-ID. Nothing is sent
/// for it, and sending it again would fail the same way.
public struct MIMEError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the offending value.
    public var message: String

    /// Creates an error with its message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
