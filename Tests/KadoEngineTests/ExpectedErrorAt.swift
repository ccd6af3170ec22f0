import Testing

/// An expected error named by the text it points at rather than by numbers: the
/// `occurrence`-th `needle` in `file`, plus `offset` columns, looked up in the edited copy when
/// the test runs. For test arguments, which are built before any copy exists; a line added to a
/// shipped file moves the expectation with it.
struct ExpectedErrorAt: Sendable, CustomTestStringConvertible {
    /// A word the message must hold: literal text, or `prefix` followed by the line of the
    /// `occurrence`-th `needle` in the same file (`"first defined at line "` and the line of the
    /// first `name:`).
    enum Word: Sendable, ExpressibleByStringInterpolation {
        case text(String)
        case line(String, of: String, occurrence: Int = 1)

        init(stringLiteral value: String) {
            self = .text(value)
        }
    }

    var file: String
    var needle: String
    var occurrence: Int
    var offset: Int
    var words: [Word]

    init(_ file: String, at needle: String, occurrence: Int = 1, offset: Int = 0, _ words: Word...) {
        self.file = file
        self.needle = needle
        self.occurrence = occurrence
        self.offset = offset
        self.words = words
    }

    /// The line, column and words in `fixture` as it is now.
    func resolved(in fixture: ConfigFixture, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> ExpectedError
    {
        let words = try words.map { word in
            switch word {
            case .text(let text):
                return text
            case .line(let prefix, let needle, let occurrence):
                let line = try fixture.position(
                    of: needle, in: file, occurrence: occurrence, sourceLocation: sourceLocation
                ).line
                return "\(prefix)\(line)"
            }
        }
        return try fixture.error(
            file, at: needle, occurrence: occurrence, offset: offset, words: words,
            sourceLocation: sourceLocation)
    }

    var testDescription: String { "\(file) at \(needle.debugDescription) #\(occurrence)" }
}
