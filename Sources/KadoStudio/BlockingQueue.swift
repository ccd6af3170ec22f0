import Dispatch

/// Runs blocking work (reading the YAML tree, stat calls) on a serial queue of its
/// own, never on Swift's cooperative pool.
enum BlockingQueue {
    private static let queue = DispatchQueue(label: "kado.studio.files")

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
