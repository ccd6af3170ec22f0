import KadoPostgres
import Synchronization

/// A few ``Database`` connections used in turn, for a service that answers many
/// requests at once (`kado serve`). Each connection still runs its libpq calls on its
/// own serial queue, never on the cooperative pool or an event loop; the pool only
/// spreads statements over them.
package final class DatabasePool: Sendable {
    package let databases: [Database]
    private let turn = Mutex(0)

    /// `size` connections (at least one), each opened on first use.
    package init(configuration: PostgresConfiguration, health: DatabaseHealth, size: Int) {
        databases = (0..<max(1, size)).map { _ in Database(configuration: configuration, health: health) }
    }

    package var health: DatabaseHealth { databases[0].health }

    /// Runs `body` on the next connection in turn (see ``Database/perform(_:)``).
    package func perform<T: Sendable>(_ body: @Sendable (isolated PostgresConnection) throws -> T)
        async throws
        -> T
    {
        let index = turn.withLock { value -> Int in
            defer { value = (value + 1) % databases.count }
            return value
        }
        return try await databases[index].perform(body)
    }

    /// Closes every connection.
    package func close() async {
        for database in databases { await database.close() }
    }
}
