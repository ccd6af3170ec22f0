import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "kado doctor: the users' zone column",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct ZoneColumnDoctorTests {
    @Test("a missing zone column is named with a suggestion; a text one is fine; a number is not")
    func zoneColumn() async throws {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        try await c.perform { c in
            try c.execute("ALTER TABLE members ADD COLUMN time_zone text, ADD COLUMN tz_offset int")
        }
        var tenant = ShippedConfig.lunaria.0
        for (column, problem) in [
            ("timezone", "column 'timezone' does not exist in members (did you mean 'time_zone'?)"),
            ("time_zone", nil),
            ("tz_offset", "column 'tz_offset' is integer; it must hold IANA zone names as text"),
        ] {
            tenant.audience.columns.timezone = column
            let check = AttributeCheck(tenant: tenant)
            let findings = try await c.perform { try check.run(connection: $0) }
            let zone = try #require(findings.last)
            #expect(zone.attribute == "timezone (audience.columns.timezone)" && zone.column == column)
            #expect(zone.problem == problem, "\(column)")
        }
    }
}
