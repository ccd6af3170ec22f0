import Foundation
import KadoEngine
import Synchronization

/// A clock the test sets: what the code under test takes for "now" (the dispatcher's quiet
/// hours, the server's validity edges). Sleeping is real.
package final class SettableClock: KadoClock {
    private let instant: Mutex<Date>

    package init(_ start: Date) {
        instant = Mutex(start)
    }

    package func now() -> Date { instant.withLock { $0 } }

    package func set(_ date: Date) {
        instant.withLock { $0 = date }
    }

    package func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// An instant written as `2027-03-28T02:00:00Z`.
package func utc(_ text: String) -> Date? {
    ISO8601DateFormatter().date(from: text)
}
