import KadoPostgres
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Outcome write: one stored plan for small groups", .tags(.database),
    .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct OutcomeWritePlanTests {
    /// A dispatcher at low concurrency records outcomes a few at a time. PostgreSQL plans a
    /// prepared statement afresh for its first five runs and then keeps a generic plan,
    /// unless the fresh plans keep looking cheaper: the outcome write must not look so, or
    /// every group of two or three outcomes is planned again (which cost more than the update).
    @Test("groups of 1 to 3 outcomes: written, and planned afresh only for the first five")
    func smallGroups() async throws {
        // Thousands of rows, so the rows are found by their key (on a table of a few dozen
        // rows every plan costs about the same and the question does not arise).
        let f = try await DeliveryFixture.make(users: 3000)
        try await f.issue()
        let held = try await f.connection.perform { c in
            try c.query(
                "UPDATE notifications SET status = 'sending', claimed_by = 'me' RETURNING tenant_id, id"
            ).map { (tenant: try $0.decode(String.self, at: 0), id: try $0.decode(Int64.self, at: 1)) }
        }
        let sizes = [1, 2, 3, 2, 1, 3, 2, 2, 1, 3, 2, 1]
        let total = sizes.reduce(0, +)
        try #require(held.count >= total)
        var rest = held[...]
        var recorded = 0
        for size in sizes {
            let group = rest.prefix(size).map {
                OutboxOutcome(tenantID: $0.tenant, id: $0.id, status: .sent, providerMessageID: "p-\($0.id)")
            }
            rest = rest.dropFirst(size)
            recorded += try await f.connection.perform { c in
                try OutboxStore().record(group, claimant: "me", connection: c)
            }
        }
        #expect(recorded == total)
        #expect(
            try await f.count(
                "SELECT count(*) FROM notifications WHERE status = 'sent' AND provider_message_id = 'p-' || id"
            )
                == recorded)
        let plans = try await f.connection.perform { c in
            try c.query(
                """
                SELECT generic_plans, custom_plans FROM pg_prepared_statements
                 WHERE statement LIKE 'UPDATE notifications n%SET status = r.status%'
                """
            ).map { (generic: try $0.decode(Int64.self, at: 0), custom: try $0.decode(Int64.self, at: 1)) }
        }
        let plan = try #require(plans.first, "the outcome write is a prepared statement")
        #expect(plans.count == 1)
        #expect(plan.custom <= 5, "planned afresh \(plan.custom) times in \(sizes.count) calls")
        #expect(plan.generic == Int64(sizes.count) - plan.custom)
    }
}
