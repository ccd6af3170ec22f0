import Synchronization

/// Formatted values shared across messages: every recipient of a promo gets the
/// same amount, percentage and dates, and building Foundation formatters per
/// message was half of the dispatcher's CPU (bench/dispatch).
final class FormatCache: Sendable {
    static let shared = FormatCache()

    private let values = Mutex([String: String]())
    /// Distinct values kept before the cache starts over (keys are small).
    private let limit = 10_000

    /// The cached value for `key`, computing it with `make` on a miss.
    func value(_ key: String, _ make: () -> String) -> String {
        if let hit = values.withLock({ $0[key] }) { return hit }
        let made = make()
        values.withLock { values in
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[key] = made
        }
        return made
    }
}
