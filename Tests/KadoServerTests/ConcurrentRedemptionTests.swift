import Foundation
import KadoEngine
import KadoTestSupport
import Testing

@Suite("HTTP API: concurrent redemptions", .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct ConcurrentRedemptionTests {
    typealias F = ServerFixture

    @Test("50 concurrent redemptions of one code and user: exactly one 201, the others 409 already_claimed")
    func fifty() async throws {
        let f = try await RedemptionAPITests.issued()
        let code = try await f.code("sayakaya", user: 4)
        let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for _ in 0..<50 {
                group.addTask {
                    let reply = try await f.client.send(
                        "POST", "/v1/tenants/sayakaya/redemptions", key: F.sayakayaKey,
                        json: F.body(code, user: 4, order: 100_000))
                    return (reply.status, reply.code)
                }
            }
            var all: [(Int, String?)] = []
            for try await status in group { all.append(status) }
            return all
        }
        #expect(statuses.count == 50)
        #expect(statuses.filter { $0.0 == 201 }.count == 1)
        #expect(statuses.filter { $0.0 == 409 && $0.1 == "already_claimed" }.count == 49)
        #expect(
            try await f.count(
                "SELECT count(*) FROM promo_eligibilities WHERE user_id = 4 AND claimed_at IS NOT NULL") == 1)
        #expect(try await f.count("SELECT count(*) FROM kado_redemptions WHERE result = 'claimed'") == 1)
        #expect(
            try await f.count("SELECT count(*) FROM kado_redemptions WHERE result = 'already_claimed'") == 49)
        await f.stop()
    }
}
