import ArgumentParser
import Foundation
import KadoEngine

struct OutboxPruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete finished outbox messages older than some days, in bounded batches.",
        discussion: """
            Deletes sent, dead, expired and cancelled messages (every finished status) last changed more than --older-than days ago, --batch rows per statement, skipping rows another transaction holds: a dispatcher sending at the same time never waits long. Pending, failed and claimed messages are never deleted, nor run records and promos. `kado run --retention-days N` does the same once a day.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Delete finished messages older than this many days.", valueName: "days"))
    var olderThan: Int
    @Option(help: "Rows deleted per statement.") var batch: Int = 5000

    func validate() throws {
        guard olderThan >= 1 else { throw ValidationError("--older-than must be at least 1 day") }
        guard (1...100_000).contains(batch) else { throw ValidationError("--batch must be in 1...100000") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        try await reportingErrors {
            let connection = try await database.database()
            let deleted = try await OutboxPruner(days: olderThan, batch: batch).run(database: connection)
            print(
                "pruned \(deleted) finished message\(deleted == 1 ? "" : "s") older than \(olderThan) day\(olderThan == 1 ? "" : "s") in \((ContinuousClock.now - started).rounded)"
            )
        }
    }
}
