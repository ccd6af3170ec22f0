import Foundation
import KadoEngine

/// What the studio shows at one moment: the last configuration that loaded without
/// errors (with its compiled templates), and the problems of the latest load.
struct StudioSnapshot: Sendable {
    /// One more on every load that found the files changed; the page reloads its
    /// content when it sees a new one.
    var generation = 0
    /// The last good configuration; nil until one loads.
    var good: GoodConfiguration?
    /// Every problem (errors and warnings) of the latest load, in file, line, column order.
    var diagnostics: [StudioDiagnostic] = []
    /// Whether the latest load had no errors (then `good` is its configuration).
    var isValid = false
    /// When the files were last read.
    var checkedAt = Date(timeIntervalSince1970: 0)

    struct GoodConfiguration: Sendable {
        var configuration: Configuration
        var renderer: MessageRenderer
        var loadedAt: Date
    }

    var errors: [StudioDiagnostic] { diagnostics.filter { $0.diagnostic.severity == .error } }

    /// The problems in `files`.
    func diagnostics(in files: Set<String>) -> [StudioDiagnostic] {
        diagnostics.filter { files.contains($0.file) }
    }
}
