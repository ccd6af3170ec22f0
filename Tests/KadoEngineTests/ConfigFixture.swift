import Foundation
import KadoEngine
import Testing

/// The repository root: this file is `<root>/Tests/KadoEngineTests/ConfigFixture.swift`.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// One change to the shipped configuration: replace `old` (which must occur exactly once)
/// with `new` in `file`, a path relative to the copy such as `rules/sayakaya/birthday.yaml`.
/// With `old` empty, `file` is created with `new` as its whole text.
struct Edit: Sendable, CustomTestStringConvertible {
    var file: String
    var old: String
    var new: String

    init(_ file: String, replacing old: String, with new: String) {
        self.file = file
        self.old = old
        self.new = new
    }

    /// A new file with `text`.
    static func create(_ file: String, _ text: String) -> Edit {
        Edit(file, replacing: "", with: text)
    }

    var testDescription: String { "\(file): \(old.prefix(30)) → \(new.prefix(30))" }
}

/// A fresh copy of the repository's shipped `rules/` and `templates/` in a temp directory.
final class ConfigFixture {
    let directory: URL

    var rules: URL { directory.appending(path: "rules") }
    var templates: URL { directory.appending(path: "templates") }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "kado-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in ["rules", "templates"] {
            // Resolve a symlinked folder: copying the link would make edits write through to the repo.
            let source = repositoryRoot.appending(path: name).resolvingSymlinksInPath()
            let copy = directory.appending(path: name)
            try FileManager.default.copyItem(at: source, to: copy)
            let type =
                try FileManager.default.attributesOfItem(atPath: copy.path)[.type] as? FileAttributeType
            try #require(type == .typeDirectory, "\(copy.path) is not a real directory")
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func text(of file: String) throws -> String {
        try String(contentsOf: directory.appending(path: file), encoding: .utf8)
    }

    func apply(_ edit: Edit, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appending(path: edit.file)
        if edit.old.isEmpty {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try edit.new.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let text = try self.text(of: edit.file)
        let occurrences = text.ranges(of: edit.old).count
        try #require(
            occurrences == 1,
            "the snippet \(edit.old.debugDescription) occurs \(occurrences) times in \(edit.file)",
            sourceLocation: sourceLocation)
        try text.replacing(edit.old, with: edit.new).write(to: url, atomically: true, encoding: .utf8)
    }

    func load(environment: [String: String] = [:]) -> ConfigLoader.Result {
        ConfigLoader(rulesDirectory: rules.path, templatesDirectory: templates.path, environment: environment)
            .load()
    }
}

/// Copies the shipped config, applies `edits`, loads it with `environment` (empty by default,
/// so every `${VAR:-default}` takes its default) and returns the result.
func loadConfig(
    _ edits: [Edit], environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
) throws -> ConfigLoader.Result {
    let fixture = try ConfigFixture()
    for edit in edits { try fixture.apply(edit, sourceLocation: sourceLocation) }
    return fixture.load(environment: environment)
}

func loadConfig(
    _ edits: Edit..., environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
) throws -> ConfigLoader.Result {
    try loadConfig(edits, environment: environment, sourceLocation: sourceLocation)
}

/// What a user expects `kado validate` to print for one mistake.
struct ExpectedError: Sendable, CustomTestStringConvertible {
    /// The file, relative to the config copy (`rules/sayakaya/birthday.yaml`).
    var file: String
    var line: Int
    var column: Int
    /// Words the message must contain.
    var words: [String]

    init(_ file: String, _ line: Int, _ column: Int, _ words: String...) {
        self.file = file
        self.line = line
        self.column = column
        self.words = words
    }

    var testDescription: String { "\(file):\(line):\(column) \(words)" }
}

/// Asserts `result` failed with an error at exactly `expected`'s file, line and column whose
/// message holds all of `expected.words`; unless `alone` is false, it must be the only error.
@discardableResult
func expectError(
    _ result: ConfigLoader.Result, _ expected: ExpectedError, alone: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Diagnostic? {
    #expect(
        result.configuration == nil, "a configuration was built despite errors",
        sourceLocation: sourceLocation)
    let found = result.errors.first {
        $0.mark.file.hasSuffix("/" + expected.file) && $0.mark.line == expected.line
            && $0.mark.column == expected.column
    }
    guard let found else {
        Issue.record(
            "no error at \(expected.file):\(expected.line):\(expected.column); got:\n\(diagnosticsText(result))",
            sourceLocation: sourceLocation)
        return nil
    }
    for word in expected.words {
        #expect(
            found.message.contains(word),
            "message \(found.message.debugDescription) lacks \(word.debugDescription)",
            sourceLocation: sourceLocation)
    }
    if alone {
        #expect(
            result.errors.count == 1, "expected one error, got:\n\(diagnosticsText(result))",
            sourceLocation: sourceLocation)
    }
    return found
}

/// The diagnostics as `kado validate` prints them, for failure messages.
func diagnosticsText(_ result: ConfigLoader.Result) -> String {
    result.diagnostics.map(\.description).joined(separator: "\n")
}
