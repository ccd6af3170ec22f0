import Foundation
import Logging
import ServiceLifecycle

/// `kado run --retention-days N`: prunes finished outbox rows older than N days once a
/// day (the first time a minute after start), logging how many.
package struct RetentionService: Service {
    let pruner: OutboxPruner
    let database: Database
    let clock: any KadoClock
    let logger: Logger

    package init(
        days: Int, database: Database, clock: any KadoClock, logger: Logger = Logger(label: "kado.retention")
    ) {
        self.pruner = OutboxPruner(days: days)
        self.database = database
        self.clock = clock
        self.logger = logger
    }

    package func run() async throws {
        var wait: Duration = .seconds(60)
        while !Task.isCancelledOrShuttingDown {
            let pause = wait
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: pause) }
            } catch {
                return
            }
            wait = .seconds(86_400)
            do {
                let deleted = try await pruner.run(database: database)
                logger.info(
                    "outbox pruned",
                    metadata: [
                        "rows": .stringConvertible(deleted),
                        "older_than_days": .stringConvertible(pruner.days),
                    ])
            } catch {
                logger.warning(
                    "outbox pruning failed; tried again tomorrow", metadata: ["reason": "\(error)"])
                wait = .seconds(3600)
            }
        }
    }
}

extension Task where Success == Never, Failure == Never {
    /// Cancelled, or the service group is shutting down.
    static var isCancelledOrShuttingDown: Bool { isCancelled || Task.isShuttingDownGracefully }
}
