/// A position in a source file: 1-based line and column, as editors show them.
public struct SourceMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file path as given to the parser.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column (in Unicode scalars, like libyaml).
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceMark, rhs: SourceMark) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
