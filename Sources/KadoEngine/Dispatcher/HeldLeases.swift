import Synchronization

/// The rows one drain holds leases on: claimed, and neither recorded nor handed back yet.
/// The lease renewal extends exactly these, by their keys (the primary key), so the outbox
/// needs no index on who holds a row (migration 000013).
final class HeldLeases: Sendable {
    /// Row id to its tenant (ids are unique across tenants: one sequence numbers them all).
    private let rows = Mutex<[Int64: String]>([:])

    /// Claimed rows: held until ``forget(_:)``.
    func hold(_ messages: [ClaimedMessage]) {
        rows.withLock { rows in
            for message in messages { rows[message.id] = message.tenantID }
        }
    }

    /// Rows whose outcome is written or that were handed back.
    func forget(_ ids: some Sequence<Int64>) {
        rows.withLock { rows in
            for id in ids { rows[id] = nil }
        }
    }

    /// The held rows' keys, as the renewal passes them: tenants and ids side by side.
    var keys: (tenants: [String], ids: [Int64]) {
        rows.withLock { rows in (Array(rows.values), Array(rows.keys)) }
    }
}
