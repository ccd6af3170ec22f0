import KadoEngine

/// One `kado validate` problem with the source line it points into, for the page.
struct StudioDiagnostic: Sendable, Hashable {
    var diagnostic: Diagnostic
    /// The line at `diagnostic.mark.line`, when the file could be read.
    var sourceLine: String?

    var file: String { diagnostic.mark.file }
}
