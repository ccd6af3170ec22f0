import Logging

/// Deletes old finished outbox rows in bounded batches (each its own short statement,
/// so a dispatcher sending meanwhile never waits long), until none are left.
package struct OutboxPruner: Sendable {
    package var days: Int
    /// Rows per statement.
    package var batch: Int
    let store = OutboxStore()

    package init(days: Int, batch: Int = 5000) {
        self.days = days
        self.batch = batch
    }

    /// Prunes everything older than `days`; `progress` gets the running total after each batch.
    package func run(database: Database, progress: @Sendable (Int) -> Void = { _ in }) async throws -> Int {
        var total = 0
        let (days, batch, store) = (self.days, self.batch, self.store)
        while true {
            let deleted = try await database.perform { c in
                try store.prune(olderThan: days, limit: batch, connection: c)
            }
            total += deleted
            progress(total)
            if deleted < batch { return total }
            await Task.yield()
        }
    }
}
