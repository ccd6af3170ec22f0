import KadoPostgres
import KadoTestSupport
import Logging
import Testing

@testable import KadoEngine

@Suite("Outcome recorder: what senders waiting for their outcome write get")
struct OutcomeRecorderTests {
    let quiet = Logger(label: "test.recorder", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test(
        "a database that cannot be reached fails every waiting outcome (a one-shot command) instead of hanging"
    )
    func unreachableFailsEveryWaiter() async throws {
        let database = Database(
            configuration: PostgresConfiguration(url: "postgresql://kado@127.0.0.1:1/kado?connect_timeout=2"),
            health: DatabaseHealth(logger: quiet))
        let recorder = OutcomeRecorder(
            database: database, claimant: "test", held: HeldLeases(), clock: SystemClock(),
            waitThroughOutages: false, logger: quiet)
        let failures = await withTaskGroup(of: Bool.self) { group in
            for id in 1...8 {
                group.addTask {
                    do {
                        try await recorder.record(OutboxOutcome(tenantID: "t", id: Int64(id), status: .sent))
                        return false
                    } catch is DatabaseUnavailable {
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(failures == 8)
        // A later outcome gets the same error instead of waiting behind the failed write.
        await #expect(throws: DatabaseUnavailable.self) {
            try await recorder.record(OutboxOutcome(tenantID: "t", id: 9, status: .sent))
        }
    }
}
