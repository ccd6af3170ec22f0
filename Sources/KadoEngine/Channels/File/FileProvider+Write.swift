import Foundation

extension FileProvider {
    /// Writes `bytes` to `path` atomically (a temporary file in the same directory,
    /// then a rename), creating the directories first. Runs on a Dispatch queue so
    /// that blocking file I/O stays off Swift's cooperative pool.
    static func writeAtomically(_ bytes: [UInt8], to path: String) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global(qos: .utility).async {
                do {
                    let url = URL(fileURLWithPath: path)
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(bytes).write(to: url, options: .atomic)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
