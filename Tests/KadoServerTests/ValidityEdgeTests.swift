import Foundation
import KadoEngine
import KadoTestSupport
import Testing

@Suite(
    "HTTP API: validity edges at the tenant's local midnight", .tags(.database),
    .enabled(if: TestDatabase.isAvailable))
struct ValidityEdgeTests {
    typealias F = ServerFixture

    @Test(
        "sayakaya (Asia/Jakarta, 1 day) and lunaria (Europe/Amsterdam, 7 days): valid from local midnight, not at the end"
    )
    func edges() async throws {
        let f = try await RedemptionAPITests.issued()
        let date = RedemptionAPITests.date
        for (tenant, key, days) in [("sayakaya", F.sayakayaKey, 1), ("lunaria", F.lunariaKey, 7)] {
            let clock = f.tenant(tenant).config.clock
            let from = clock.startOfDay(date)
            let until = clock.startOfDay(date.adding(days: days))
            let code = try await f.code(tenant, user: 5)
            let cases: [(Date, Int)] = [
                (from.addingTimeInterval(-1), 422), (from, 200), (until.addingTimeInterval(-1), 200),
                (until, 422),
            ]
            for (instant, expected) in cases {
                f.clock.set(instant)
                let reply = try await f.client.send(
                    "POST", "/v1/tenants/\(tenant)/validations", key: key, json: F.body(code, user: 5))
                #expect(reply.status == expected, "\(tenant) at \(ISO8601.string(instant)): \(reply.text)")
                if expected == 422 {
                    #expect(reply.code == "not_valid_now")
                    #expect(reply.json["valid_from"] as? String != nil)
                }
            }
            // Local midnight in the tenant's zone, with its offset.
            f.clock.set(from)
            let reply = try await f.client.send(
                "POST", "/v1/tenants/\(tenant)/validations", key: key, json: F.body(code, user: 5))
            #expect(
                reply.json["valid_from"] as? String
                    == (tenant == "sayakaya" ? "2026-03-15T00:00:00+07:00" : "2026-03-15T00:00:00+01:00"))
            // A redemption outside validity is refused and claims nothing.
            f.clock.set(until)
            let late = try await f.client.send(
                "POST", "/v1/tenants/\(tenant)/redemptions", key: key, json: F.body(code, user: 5))
            #expect(late.status == 422 && late.code == "not_valid_now")
        }
        #expect(
            try await f.count("SELECT count(*) FROM promo_eligibilities WHERE claimed_at IS NOT NULL") == 0)
        await f.stop()
    }
}
