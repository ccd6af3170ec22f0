import KadoYAML

/// One finding about the configuration, placed at the key or value it concerns.
package struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    package enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    package var severity: Severity
    package var mark: SourceMark
    package var message: String

    package init(_ severity: Severity = .error, at mark: SourceMark, _ message: String) {
        self.severity = severity
        self.mark = mark
        self.message = message
    }

    /// `FILE:LINE:COL: error: MESSAGE`, the form editors and CI annotate.
    package var description: String { "\(mark): \(severity.rawValue): \(message)" }
}

/// Collects diagnostics while configuration is loaded.
package struct Diagnostics: Sendable {
    package private(set) var all: [Diagnostic] = []

    package init() {}

    package var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    package var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    package var hasErrors: Bool { all.contains { $0.severity == .error } }

    package mutating func error(_ mark: SourceMark, _ message: String) {
        all.append(Diagnostic(.error, at: mark, message))
    }

    package mutating func warning(_ mark: SourceMark, _ message: String) {
        all.append(Diagnostic(.warning, at: mark, message))
    }

    package mutating func append(contentsOf other: [Diagnostic]) {
        all.append(contentsOf: other)
    }

    /// Diagnostics in file, line, column order, each once.
    package var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.filter { seen.insert($0).inserted }.sorted { $0.mark < $1.mark }
    }
}
