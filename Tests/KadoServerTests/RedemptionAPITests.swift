import Foundation
import KadoEngine
import KadoTestSupport
import Testing

/// Validations and redemptions as a backend uses them, on a real server and database.
@Suite("HTTP API: validations and redemptions", .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct RedemptionAPITests {
    static let date = LocalDate("2026-03-15")!
    typealias F = ServerFixture

    /// Users 1...5 of both tenants born on `date`, both promos issued, the clock inside
    /// both validities (08:00 in Jakarta, 02:00 in Amsterdam).
    static func issued() async throws -> ServerFixture {
        let f = try await ServerFixture.start()
        try await f.addUsers(5, bornOn: date)
        try await f.issue("sayakaya", on: date)
        try await f.issue("lunaria", on: date)
        f.clock.set(f.tenant("sayakaya").config.clock.startOfDay(date).addingTimeInterval(8 * 3600))
        return f
    }

    @Test("validate, redeem, redeem again, release, release again, redeem again")
    func lifecycle() async throws {
        let f = try await Self.issued()
        let code = try await f.code("sayakaya", user: 2)
        let path = "/v1/tenants/sayakaya"

        let valid = try await f.client.send(
            "POST", path + "/validations", key: F.sayakayaKey, json: F.body(code, user: 2, order: 250_000))
        #expect(valid.status == 200, "\(valid.text)")
        #expect(valid.json["code"] as? String == code)
        #expect(valid.json["user_id"] as? Int == 2)
        #expect(valid.json["rule_id"] as? String == "birthday")
        #expect(valid.json["valid_from"] as? String == "2026-03-15T00:00:00+07:00")
        #expect(valid.json["valid_until"] as? String == "2026-03-16T00:00:00+07:00")
        let discount = try #require(valid.json["discount"] as? [String: Any])
        #expect(discount["type"] as? String == "fixed")
        #expect(discount["amount_off"] as? Int == 10_000)
        #expect(discount["currency"] as? String == "IDR")
        #expect(valid.json["claimed_at"] == nil)
        #expect(
            try await f.count("SELECT count(*) FROM promo_eligibilities WHERE claimed_at IS NOT NULL") == 0)

        // A code typed in lower case is the same code.
        let redeemed = try await f.client.send(
            "POST", path + "/redemptions", key: F.sayakayaKey,
            json: F.body(code.lowercased(), user: 2, order: 250_000))
        #expect(redeemed.status == 201, "\(redeemed.text)")
        #expect(redeemed.json["code"] as? String == code)
        let claimedAt = try #require(redeemed.json["claimed_at"] as? String)
        #expect(claimedAt.hasPrefix("2026-03-15T08:00:00.000+07:00"))
        #expect(
            try await f.count(
                "SELECT count(*) FROM promo_eligibilities WHERE user_id = 2 AND claimed_at IS NOT NULL") == 1)

        let again = try await f.client.send(
            "POST", path + "/redemptions", key: F.sayakayaKey, json: F.body(code, user: 2))
        #expect(again.status == 409)
        #expect(again.code == "already_claimed")
        #expect(again.json["claimed_at"] as? String == claimedAt)
        #expect(again.contentType == "application/problem+json")
        for member in ["type", "title", "status", "detail", "code"] {
            #expect(again.json[member] != nil, "\(member)")
        }

        let checked = try await f.client.send(
            "POST", path + "/validations", key: F.sayakayaKey, json: F.body(code, user: 2))
        #expect(checked.status == 409 && checked.code == "already_claimed")

        let released = try await f.client.send(
            "DELETE", path + "/redemptions", key: F.sayakayaKey, json: F.body(code, user: 2))
        #expect(released.status == 204)
        #expect(
            try await f.count("SELECT count(*) FROM promo_eligibilities WHERE claimed_at IS NOT NULL") == 0)
        let releasedAgain = try await f.client.send(
            "DELETE", path + "/redemptions", key: F.sayakayaKey, json: F.body(code, user: 2))
        #expect(releasedAgain.status == 409)
        #expect(releasedAgain.code == "not_claimed")

        let redeemedAgain = try await f.client.send(
            "POST", path + "/redemptions", key: F.sayakayaKey, json: F.body(code, user: 2))
        #expect(redeemedAgain.status == 201)

        // Every redemption and release is recorded: who, when, order amount, result.
        let records = try await f.connection.perform { c in
            try c.query("SELECT action, result, user_id, order_amount FROM kado_redemptions ORDER BY id").map
            {
                try $0.decode((String, String, Int, Int?).self)
            }
        }
        #expect(
            records.map { "\($0.0) \($0.1)" } == [
                "redeem claimed", "redeem already_claimed", "release released", "release not_claimed",
                "redeem claimed",
            ])
        #expect(records.allSatisfy { $0.2 == 2 })
        #expect(records[0].3 == 250_000)
        await f.stop()
    }

    @Test("unknown code 404, a user outside the audience 403, another user's own code 403")
    func failures() async throws {
        let f = try await Self.issued()
        let shared = try await f.code("sayakaya", user: 1)
        let unknown = try await f.client.send(
            "POST", "/v1/tenants/sayakaya/redemptions", key: F.sayakayaKey, json: F.body("BDAY-NOPE", user: 1)
        )
        #expect(unknown.status == 404 && unknown.code == "unknown_code")
        let outsider = try await f.client.send(
            "POST", "/v1/tenants/sayakaya/redemptions", key: F.sayakayaKey, json: F.body(shared, user: 999))
        #expect(outsider.status == 403 && outsider.code == "not_eligible")
        let outsiderCheck = try await f.client.send(
            "POST", "/v1/tenants/sayakaya/validations", key: F.sayakayaKey, json: F.body(shared, user: 999))
        #expect(outsiderCheck.status == 403 && outsiderCheck.code == "not_eligible")

        // Per-user codes (lunaria): one's own code works, another member's does not.
        let own1 = try await f.code("lunaria", user: 1)
        let own2 = try await f.code("lunaria", user: 2)
        #expect(own1 != own2 && own1.hasPrefix("MAAN-"))
        let theirs = try await f.client.send(
            "POST", "/v1/tenants/lunaria/redemptions", key: F.lunariaKey, json: F.body(own2, user: 1))
        #expect(theirs.status == 403 && theirs.code == "not_eligible")
        let mine = try await f.client.send(
            "POST", "/v1/tenants/lunaria/redemptions", key: F.lunariaKey, json: F.body(own1, user: 1))
        #expect(mine.status == 201, "\(mine.text)")
        // The other member's claim is untouched, and theirs still works.
        let second = try await f.client.send(
            "POST", "/v1/tenants/lunaria/redemptions", key: F.lunariaKey, json: F.body(own2, user: 2))
        #expect(second.status == 201)
        #expect(
            try await f.count(
                "SELECT count(*) FROM promo_eligibilities WHERE tenant_id = 'lunaria' AND claimed_at IS NOT NULL"
            ) == 2)
        await f.stop()
    }

    @Test("percent with a cap on several order amounts; fixed never more than the order")
    func amounts() async throws {
        let f = try await Self.issued()
        let own = try await f.code("lunaria", user: 3)
        // 15% capped at 20 EUR: rounded down to whole euros, never above the cap or the order.
        let cases: [(Int?, Int?)] = [
            (nil, nil), (0, 0), (10, 1), (100, 15), (133, 19), (134, 20), (200, 20), (5_000, 20),
        ]
        for (order, expected) in cases {
            let reply = try await f.client.send(
                "POST", "/v1/tenants/lunaria/validations", key: F.lunariaKey,
                json: F.body(own, user: 3, order: order))
            #expect(reply.status == 200, "\(reply.text)")
            let discount = try #require(reply.json["discount"] as? [String: Any])
            #expect(discount["type"] as? String == "percent")
            #expect(discount["currency"] as? String == "EUR")
            #expect(discount["cap"] as? Int == 20)
            if let expected {
                #expect(discount["amount_off"] as? Int == expected, "order \(order ?? -1)")
            } else {
                #expect(discount["amount_off"] is NSNull, "no order: amount_off is null")
            }
        }
        let shared = try await f.code("sayakaya", user: 3)
        for (order, expected) in [(5_000, 5_000), (10_000, 10_000), (250_000, 10_000)] {
            let reply = try await f.client.send(
                "POST", "/v1/tenants/sayakaya/validations", key: F.sayakayaKey,
                json: F.body(shared, user: 3, order: order))
            let discount = try #require(reply.json["discount"] as? [String: Any])
            #expect(discount["amount_off"] as? Int == expected, "order \(order)")
        }
        await f.stop()
    }
}
