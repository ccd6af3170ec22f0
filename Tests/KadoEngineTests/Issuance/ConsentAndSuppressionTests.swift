import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "Evaluator: WhatsApp opt-in and suppressions",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct ConsentAndSuppressionTests {
    @Test(
        "with opt_in, only users whose column is true get WhatsApp rows; suppressed users get no row on that channel; everyone keeps the promo"
    )
    func consent() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        try await c.perform { c in
            try c.execute("ALTER TABLE users ADD COLUMN whatsapp_opt_in boolean")
            try c.execute(
                """
                INSERT INTO users (id, name, email, phone_number, birthday, verified_status, whatsapp_opt_in) VALUES
                  (1, 'Yes', 'a@example.com', '+628111', '1990-03-15', true, true),
                  (2, 'No', 'b@example.com', '+628112', '1990-03-15', true, false),
                  (3, 'Unknown', 'c@example.com', '+628113', '1990-03-15', true, NULL),
                  (4, 'Yes but suppressed', 'd@example.com', '+628114', '1990-03-15', true, true)
                """)
        }
        try await c.perform { c in
            _ = try SuppressionStore().add(
                Suppression(tenantID: "sayakaya", channel: "whatsapp", userID: 4, source: .manual),
                connection: c)
            _ = try SuppressionStore().add(
                Suppression(tenantID: "sayakaya", channel: "email", userID: 2, source: .unsubscribe),
                connection: c)
            // Another tenant's suppression of the same user id changes nothing here.
            _ = try SuppressionStore().add(
                Suppression(tenantID: "lunaria", channel: "email", userID: 1, source: .manual), connection: c)
        }
        var (tenant, rule) = ShippedConfig.sayakaya
        tenant.channels["whatsapp"]?.optIn = "whatsapp_opt_in"
        // The dry run counts what issuing writes: consent and suppressions included.
        let dryRun = try await Evaluator(tenant: tenant, rule: rule).evaluate(
            on: LocalDate("2026-03-15")!, dryRun: true, connection: c)
        #expect(dryRun.outcome == .dryRun && dryRun.audience == 4)
        #expect(dryRun.notifications == ["email": 3, "whatsapp": 1])
        let result = try await Evaluator(tenant: tenant, rule: rule).evaluate(
            on: LocalDate("2026-03-15")!, connection: c)
        #expect(result.audience == 4 && result.eligibilities == 4)
        #expect(result.notifications == dryRun.notifications)
        let rows = try await c.perform { c in
            try c.query("SELECT channel, user_id FROM notifications ORDER BY channel, user_id").map {
                "\(try $0.decode(String.self, at: 0)) \(try $0.decode(Int.self, at: 1))"
            }
        }
        #expect(rows == ["email 1", "email 3", "email 4", "whatsapp 1"])
        await c.close()
    }
}
