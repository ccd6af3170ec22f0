import Foundation
import KadoEngine
import Synchronization

/// A clock the test sets: what the dispatcher takes for "now" (quiet hours).
final class FixedClock: KadoClock {
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

/// An instant written as `2027-03-28T02:00:00Z`.
func utc(_ text: String) -> Date? {
    ISO8601DateFormatter().date(from: text)
}
