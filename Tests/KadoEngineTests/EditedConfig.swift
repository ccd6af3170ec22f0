import Foundation
import KadoEngine
import Testing

/// The shipped configuration with edits applied and loaded, and a way to say where an error
/// must be by the text it concerns rather than by pinned numbers: the line and column are
/// computed from the edited file.
struct EditedConfig {
    let fixture: ConfigFixture
    let result: ConfigLoader.Result

    init(
        _ edits: Edit..., environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        fixture = try ConfigFixture()
        for edit in edits { try fixture.apply(edit, sourceLocation: sourceLocation) }
        result = fixture.load(environment: environment)
    }

    /// An expected error in `file` where the `occurrence`-th `needle` starts (plus `offset`
    /// characters), with a message holding `words`.
    func error(
        _ file: String, at needle: String, occurrence: Int = 1, offset: Int = 0, _ words: String...,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ExpectedError {
        let text = try fixture.text(of: file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var seen = 0
        for (index, line) in lines.enumerated() {
            var rest = line[...]
            while let range = rest.firstRange(of: needle) {
                seen += 1
                if seen == occurrence {
                    let column = line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1
                    var expected = ExpectedError(file, index + 1, column + offset)
                    expected.words = words
                    return expected
                }
                rest = line[range.upperBound...]
            }
        }
        Issue.record(
            "\(needle.debugDescription) occurs \(seen) times in \(file)", sourceLocation: sourceLocation)
        return ExpectedError(file, 0, 0)
    }
}
