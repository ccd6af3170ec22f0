import Foundation
import KadoEngine
import Synchronization

/// A clock the test sets: what the server takes for "now" (validity edges).
final class MovableClock: KadoClock {
    private let instant: Mutex<Date>

    init(_ start: Date) {
        instant = Mutex(start)
    }

    func now() -> Date { instant.withLock { $0 } }

    func set(_ date: Date) {
        instant.withLock { $0 = date }
    }

    func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
