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
        _ edits: [Edit], environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        fixture = try ConfigFixture()
        for edit in edits { try fixture.apply(edit, sourceLocation: sourceLocation) }
        result = fixture.load(environment: environment)
    }

    init(
        _ edits: Edit..., environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try self.init(edits, environment: environment, sourceLocation: sourceLocation)
    }

    /// An expected error in `file` where the `occurrence`-th `needle` starts (plus `offset`
    /// columns), with a message holding `words`.
    func error(
        _ file: String, at needle: String, occurrence: Int = 1, offset: Int = 0, _ words: String...,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ExpectedError {
        try fixture.error(
            file, at: needle, occurrence: occurrence, offset: offset, words: words,
            sourceLocation: sourceLocation)
    }

    /// `expected` in this edited copy.
    func error(_ expected: ExpectedErrorAt, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> ExpectedError
    {
        try expected.resolved(in: fixture, sourceLocation: sourceLocation)
    }
}
