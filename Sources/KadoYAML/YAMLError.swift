/// A problem found while reading a YAML file, with the place it was found.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public var mark: SourceMark
    public var message: String

    public init(mark: SourceMark, message: String) {
        self.mark = mark
        self.message = message
    }

    /// `file:line:col: error: message`.
    public var description: String { "\(mark): error: \(message)" }
}
