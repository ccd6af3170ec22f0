import Foundation
import Testing

extension ConfigFixture {
    /// Where the `occurrence`-th `needle` starts in `file` as the copy holds it now (after the
    /// edits), plus `offset` columns: the line and column kado reports, both from 1, the column
    /// counted in Unicode scalars. A needle does not span lines; occurrences are counted line by
    /// line, left to right. Fewer occurrences is a recorded issue and 0:0.
    func position(
        of needle: String, in file: String, occurrence: Int = 1, offset: Int = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (line: Int, column: Int) {
        let lines = try text(of: file).split(separator: "\n", omittingEmptySubsequences: false)
        var seen = 0
        for (index, line) in lines.enumerated() {
            var rest = line[...]
            while let range = rest.firstRange(of: needle) {
                seen += 1
                if seen == occurrence {
                    let column = line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1
                    return (index + 1, column + offset)
                }
                rest = line[range.upperBound...]
            }
        }
        Issue.record(
            "\(needle.debugDescription) occurs \(seen) times in \(file), not \(occurrence)",
            sourceLocation: sourceLocation)
        return (0, 0)
    }

    /// An expected error in `file` where the `occurrence`-th `needle` starts (plus `offset`
    /// columns), with a message holding `words`.
    func error(
        _ file: String, at needle: String, occurrence: Int = 1, offset: Int = 0, words: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ExpectedError {
        let (line, column) = try position(
            of: needle, in: file, occurrence: occurrence, offset: offset, sourceLocation: sourceLocation)
        var expected = ExpectedError(file, line, column)
        expected.words = words
        return expected
    }

    func error(
        _ file: String, at needle: String, occurrence: Int = 1, offset: Int = 0, _ words: String...,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ExpectedError {
        try error(
            file, at: needle, occurrence: occurrence, offset: offset, words: words,
            sourceLocation: sourceLocation)
    }
}
