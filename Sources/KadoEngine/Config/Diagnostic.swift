import KadoYAML

/// One finding about the configuration, placed at the key or value it concerns.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    public var severity: Severity
    public var mark: SourceMark
    public var message: String

    public init(_ severity: Severity = .error, at mark: SourceMark, _ message: String) {
        self.severity = severity
        self.mark = mark
        self.message = message
    }

    /// `FILE:LINE:COL: error: MESSAGE`, the form editors and CI annotate.
    public var description: String { "\(mark): \(severity.rawValue): \(message)" }
}

/// Collects diagnostics while configuration is loaded.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    public mutating func error(_ mark: SourceMark, _ message: String) {
        all.append(Diagnostic(.error, at: mark, message))
    }

    public mutating func warning(_ mark: SourceMark, _ message: String) {
        all.append(Diagnostic(.warning, at: mark, message))
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        all.append(contentsOf: other)
    }

    /// Diagnostics in file, line, column order, each once.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.filter { seen.insert($0).inserted }.sorted { $0.mark < $1.mark }
    }
}
