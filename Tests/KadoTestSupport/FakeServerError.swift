/// A fake server could not be started, or a tool a test helper runs (`python3`,
/// `openssl`) failed.
public struct FakeServerError: Error, CustomStringConvertible {
    /// What went wrong, including the server's stderr where there is one.
    public let message: String

    /// An error with this message.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
