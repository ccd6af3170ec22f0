import KadoYAML

/// What a config builder needs while it reads one file: the file's source (to
/// point inside scalars) and the diagnostics to add to.
package struct ConfigContext: Sendable {
    package var document: YAMLDocument
    package var diagnostics = Diagnostics()
    /// The tenant's audience source while a rule is read (nil when its tenant did not load):
    /// what triggers and conditions check attribute names against.
    package var audience: AudienceSource?

    package init(document: YAMLDocument) {
        self.document = document
    }

    package mutating func error(_ mark: SourceMark, _ message: String) {
        diagnostics.error(mark, message)
    }

    package mutating func warning(_ mark: SourceMark, _ message: String) {
        diagnostics.warning(mark, message)
    }
}
