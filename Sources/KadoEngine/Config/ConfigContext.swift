import KadoYAML

/// What a config builder needs while it reads one file: the file's source (to
/// point inside scalars) and the diagnostics to add to.
public struct ConfigContext: Sendable {
    public var document: YAMLDocument
    public var diagnostics = Diagnostics()
    /// The tenant's audience source while a rule is read (nil when its tenant did not load):
    /// what triggers and conditions check attribute names against.
    public var audience: AudienceSource?

    public init(document: YAMLDocument) {
        self.document = document
    }

    public mutating func error(_ mark: SourceMark, _ message: String) {
        diagnostics.error(mark, message)
    }

    public mutating func warning(_ mark: SourceMark, _ message: String) {
        diagnostics.warning(mark, message)
    }
}
