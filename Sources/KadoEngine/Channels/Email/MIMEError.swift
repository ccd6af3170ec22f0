/// A message that cannot be built: an invalid address or Message-ID. Nothing is sent
/// for it, and sending it again would fail the same way.
package struct MIMEError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the offending value.
    package var message: String

    /// Creates an error with its message.
    package init(_ message: String) {
        self.message = message
    }

    /// The message.
    package var description: String { message }
}
