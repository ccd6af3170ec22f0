import Foundation
import KadoEngine
import KadoTestSupport
import Testing

@Suite(
    "HTTP API: hostile requests get 4xx, never 500, and the server stays up",
    .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct HostileBodyTests {
    typealias F = ServerFixture

    @Test("wrong types, huge numbers, deep nesting, invalid UTF-8, 1 MB, other media types")
    func hostile() async throws {
        let f = try await RedemptionAPITests.issued()
        let path = "/v1/tenants/sayakaya/redemptions"
        let bodies: [(String, [UInt8], String)] = [
            ("not JSON", Array("code=X&user_id=1".utf8), "invalid_body"),
            ("empty", [], "invalid_body"),
            ("an array", Array("[1, 2]".utf8), "invalid_body"),
            ("a string", Array("\"BDAY\"".utf8), "invalid_body"),
            ("code a number", Array("{\"code\": 12, \"user_id\": 1}".utf8), "invalid_body"),
            ("code missing", Array("{\"user_id\": 1}".utf8), "invalid_body"),
            ("user_id a string", Array("{\"code\": \"X\", \"user_id\": \"1\"}".utf8), "invalid_body"),
            ("user_id true", Array("{\"code\": \"X\", \"user_id\": true}".utf8), "invalid_body"),
            ("user_id 1.5", Array("{\"code\": \"X\", \"user_id\": 1.5}".utf8), "invalid_body"),
            ("user_id negative", Array("{\"code\": \"X\", \"user_id\": -1}".utf8), "invalid_body"),
            ("user_id over int4", Array("{\"code\": \"X\", \"user_id\": 2147483648}".utf8), "invalid_body"),
            ("user_id 1e400", Array("{\"code\": \"X\", \"user_id\": 1e400}".utf8), "invalid_body"),
            (
                "user_id 30 digits",
                Array("{\"code\": \"X\", \"user_id\": 123456789012345678901234567890}".utf8), "invalid_body"
            ),
            (
                "order_amount huge",
                Array("{\"code\": \"X\", \"user_id\": 1, \"order_amount\": 9223372036854775807}".utf8),
                "invalid_body"
            ),
            (
                "order_amount negative",
                Array("{\"code\": \"X\", \"user_id\": 1, \"order_amount\": -5}".utf8), "invalid_body"
            ),
            (
                "code 65 characters",
                Array("{\"code\": \"\(String(repeating: "A", count: 65))\", \"user_id\": 1}".utf8),
                "invalid_body"
            ),
            ("code with a NUL", Array("{\"code\": \"A\\u0000B\", \"user_id\": 1}".utf8), "invalid_body"),
            ("code with a space", Array("{\"code\": \"A B\", \"user_id\": 1}".utf8), "invalid_body"),
            (
                "invalid UTF-8",
                [0x7B, 0x22, 0x63, 0x6F, 0x64, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D], "invalid_body"
            ),
            (
                "nested 5000 deep",
                Array((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8),
                "invalid_body"
            ),
            ("1 MB", [UInt8](repeating: 0x20, count: 1 << 20), "body_too_large"),
        ]
        for (name, body, code) in bodies {
            let reply = try await f.client.send("POST", path, key: F.sayakayaKey, body: body)
            #expect((400..<500).contains(reply.status), "\(name): \(reply.status) \(reply.text.prefix(200))")
            #expect(reply.code == code, "\(name): \(reply.text.prefix(200))")
            #expect(reply.contentType == "application/problem+json", "\(name)")
        }
        let form = try await f.client.send(
            "POST", path, key: F.sayakayaKey, json: F.body("X", user: 1),
            contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 415 && form.code == "unsupported_media_type")
        let named = try await f.client.send(
            "POST", path, key: F.sayakayaKey, json: "{\"code\": \"A\", \"user_id\": 1.5}")
        #expect(named.json["field"] as? String == "user_id")
        let wrongMethod = try await f.client.send("PUT", path, key: F.sayakayaKey, json: F.body("X", user: 1))
        #expect(wrongMethod.status == 405 && wrongMethod.headers["Allow"] == "POST, DELETE")
        let unknownPath = try await f.client.send("GET", "/v1/nothing")
        #expect(unknownPath.status == 404 && unknownPath.code == "not_found")
        // Still answering, and nothing was claimed.
        let health = try await f.client.send("GET", "/healthz")
        #expect(health.status == 200)
        #expect(
            try await f.count("SELECT count(*) FROM promo_eligibilities WHERE claimed_at IS NOT NULL") == 0)
        await f.stop()
    }
}
