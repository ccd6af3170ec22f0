import Foundation
import KadoPostgres
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Promo code collisions",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct CodeCollisionTests {
    /// A unique violation from inserting `code` twice into `promos`.
    func violation(_ c: PostgresConnection, code: String, secondTenant: String = "t") async throws
        -> PostgresError?
    {
        try await c.perform { c in
            try c.query(
                "INSERT INTO promos (promo_code, name, tenant_id, rule_id, occurrence_date) VALUES ($1, 'a', 't', 'r', '2026-01-01')",
                [code])
            do {
                try c.query(
                    "INSERT INTO promos (promo_code, name, tenant_id, rule_id, occurrence_date) VALUES ($1, 'b', $2, 'r', '2026-01-02')",
                    [code, secondTenant])
            } catch let error as PostgresError {
                return error
            }
            return nil
        }
    }

    @Test(
        "the seed database's own UNIQUE (promo_code) is recognised as a code collision (so a new code is tried)"
    )
    func seedConstraint() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        try await c.perform {
            try $0.execute("ALTER TABLE promos ADD CONSTRAINT promos_promo_code_key UNIQUE (promo_code)")
        }
        // Another tenant's code: kado's own per-tenant index allows it, the seed's constraint does not.
        let error = try #require(try await violation(c, code: "BDAY-SAME", secondTenant: "u"))
        #expect(error.constraint == "promos_promo_code_key")
        #expect(try await c.perform { PromoStore().isCodeCollision(error, connection: $0) })
    }

    @Test("kado's own code index is a collision; another unique key is not")
    func kadoIndexAndOthers() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        let code = try #require(try await violation(c, code: "BDAY-SAME"))
        #expect(try await c.perform { PromoStore().isCodeCollision(code, connection: $0) })
        // The same occurrence twice violates the occurrence key, not a code key.
        let occurrence = try await c.perform { c -> PostgresError? in
            do {
                try c.query(
                    "INSERT INTO promos (promo_code, name, tenant_id, rule_id, occurrence_date) VALUES ('X1', 'c', 't', 'r', '2026-01-01')"
                )
            } catch let error as PostgresError {
                return error
            }
            return nil
        }
        let other = try #require(occurrence)
        #expect(other.constraint == "promos_occurrence_key")
        #expect(!(try await c.perform { PromoStore().isCodeCollision(other, connection: $0) }))
    }
}
