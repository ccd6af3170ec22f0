import Foundation

/// Identity and cancellation flag of one submitted transfer, shared between the
/// waiting task's cancellation handler and the engine thread.
///
/// `@unchecked Sendable`: the only mutable state, `cancelled`, is read and written
/// with `lock` held.
final class CurlTicket: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    /// Whether the waiting task was cancelled.
    var isCancelled: Bool {
        lock.withLock { cancelled }
    }

    /// Marks the transfer as cancelled; the engine acts on it at its next turn.
    func cancel() {
        lock.withLock { cancelled = true }
    }
}
