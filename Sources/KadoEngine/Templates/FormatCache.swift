import Foundation

/// Formatted values shared across messages: every recipient of a promo gets the
/// same amount, percentage and dates, and building Foundation formatters per
/// message was half of the dispatcher's CPU (bench/dispatch).
final class FormatCache: @unchecked Sendable {
    static let shared = FormatCache()

    // Guarded by `lock`.
    private let lock = NSLock()
    private var values: [String: String] = [:]
    /// Distinct values kept before the cache starts over (keys are small).
    private let limit = 10_000

    /// The cached value for `key`, computing it with `make` on a miss.
    func value(_ key: String, _ make: () -> String) -> String {
        if let hit = lock.withLock({ values[key] }) { return hit }
        let made = make()
        lock.withLock {
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[key] = made
        }
        return made
    }
}
