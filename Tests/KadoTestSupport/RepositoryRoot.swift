import Foundation

/// Locates the package root from this file's position in the source tree
/// (`Tests/KadoTestSupport/RepositoryRoot.swift`), so tests can reach files such as
/// `scripts/fakes/` whatever their working directory is.
public enum RepositoryRoot {
    /// The directory that holds `Package.swift`.
    public static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path inside the package root, such as `"scripts/fakes/http_stub.py"`.
    public static func appending(_ path: String) -> URL {
        url.appendingPathComponent(path)
    }
}
