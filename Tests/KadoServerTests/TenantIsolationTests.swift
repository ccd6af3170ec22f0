import Foundation
import KadoEngine
import KadoTestSupport
import Testing

@Suite("HTTP API: keys and tenants", .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct TenantIsolationTests {
    typealias F = ServerFixture

    @Test("no key or an unknown key: 401; another tenant's key: 404, the same answer as an unknown tenant")
    func isolation() async throws {
        let f = try await RedemptionAPITests.issued()
        let code = try await f.code("sayakaya", user: 1)
        let body = F.body(code, user: 1)
        for path in ["/v1/tenants/sayakaya/validations", "/v1/tenants/sayakaya/redemptions"] {
            let none = try await f.client.send("POST", path, json: body)
            #expect(none.status == 401 && none.code == "unauthorized")
            #expect(none.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
            let wrong = try await f.client.send("POST", path, key: "not-a-key-of-anyone-at-all", json: body)
            #expect(wrong.status == 401 && wrong.code == "unauthorized")
            let other = try await f.client.send("POST", path, key: F.lunariaKey, json: body)
            #expect(other.status == 404 && other.code == "not_found")
            let nobody = try await f.client.send(
                "POST", path.replacingOccurrences(of: "sayakaya", with: "nobody"), key: F.lunariaKey,
                json: body)
            #expect(nobody.status == 404)
            #expect(
                nobody.text == other.text, "another tenant's path reveals nothing an unknown tenant does not")
        }
        // A key in another scheme, or a near miss, is no key.
        let basic = try await f.client.send("POST", "/v1/tenants/sayakaya/redemptions", json: body)
        #expect(basic.status == 401)
        let prefix = try await f.client.send(
            "POST", "/v1/tenants/sayakaya/redemptions", key: String(F.sayakayaKey.dropLast()), json: body)
        #expect(prefix.status == 401)
        // Nothing was claimed by any of them.
        #expect(
            try await f.count("SELECT count(*) FROM promo_eligibilities WHERE claimed_at IS NOT NULL") == 0)
        await f.stop()
    }
}
