import Foundation
import KadoPostgres
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Fallback: a customer WhatsApp cannot reach gets the email instead, once",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct FallbackTests {
    /// sayakaya's birthday rule sending WhatsApp only, falling back to email.
    static func whatsappFirst(users: Int) async throws -> DeliveryFixture {
        var f = try await DeliveryFixture.make(users: users)
        let index = try #require(f.configuration.tenants.firstIndex { $0.config.id == "sayakaya" })
        let rule = try #require(f.configuration.tenants[index].rules.firstIndex { $0.id == "birthday" })
        f.configuration.tenants[index].rules[rule].notifications.removeAll { $0.channel == "email" }
        f.configuration.tenants[index].rules[rule].notifications[0].fallback = "email"
        return f
    }

    static func rows(_ f: DeliveryFixture) async throws -> [String] {
        try await f.connection.perform { c in
            try c.query(
                """
                SELECT n.user_id || ' ' || n.channel || ' ' || n.status || ' ' || n.recipient
                       || coalesce(' fallback of ' || o.channel, '')
                  FROM notifications n LEFT JOIN notifications o ON o.id = n.fallback_of
                 ORDER BY n.user_id, n.channel
                """
            ).map { try $0.decode(String.self, at: 0) }
        }
    }

    @Test(
        "no phone number at issuance: the email row is written instead; 131026 at send: one email row, sent once, rendered from the same promo; a 429 is retried, not fallen back"
    )
    func fallsBack() async throws {
        let f = try await Self.whatsappFirst(users: 4)
        try await f.connection.perform { c in
            try c.execute("UPDATE users SET phone_number = NULL WHERE id = 4")
        }
        let issued = try await f.issue()
        #expect(issued.notifications == ["whatsapp": 3, "email": 1])
        f.whatsapp.setAnswer { m, _ in
            if m.recipient.hasSuffix("0000001") {
                return .failed(
                    reason: "Graph 131026: message undeliverable", code: "graph 131026",
                    kind: .recipientUnreachable)
            }
            if m.recipient.hasSuffix("0000003") {
                return .retry(after: .seconds(600), reason: "HTTP 429", code: "http 429", kind: .rateLimited)
            }
            return .sent(providerMessageID: "wamid")
        }
        let options = Dispatcher.Options(concurrency: 1)
        _ = try await f.dispatcher(options).drain()
        _ = try await f.dispatcher(options).drain()
        let rows = try await Self.rows(f)
        #expect(
            rows == [
                "1 email sent user1@example.com fallback of whatsapp",
                "1 whatsapp dead +628120000001",
                "2 whatsapp sent +628120000002",
                "3 whatsapp failed +628120000003",
                "4 email sent user4@example.com",
            ], "\(rows)")
        let emails = f.email.calls.map(\.message)
        #expect(emails.map(\.recipient).sorted() == ["user1@example.com", "user4@example.com"])
        // Rendered from the same promo: the shared code the WhatsApp message carried.
        let code = try await f.connection.perform { c in
            try c.query("SELECT promo_code FROM promos").first?.decode(String.self, at: 0)
        }
        let first = try #require(emails.first { $0.recipient == "user1@example.com" })
        guard let email = first.content as? RenderedEmail else {
            Issue.record("not an email")
            return
        }
        #expect(email.text.contains(try #require(code)))
    }

    @Test("the fallback is written once, however often the dead outcome is recorded")
    func once() async throws {
        let f = try await Self.whatsappFirst(users: 1)
        try await f.issue()
        let id = try await f.connection.perform { c in
            try c.query("UPDATE notifications SET status = 'sending', claimed_by = 'me' RETURNING id").first?
                .decode(
                    Int64.self, at: 0)
        }
        var outcome = OutboxOutcome(
            tenantID: "sayakaya", id: try #require(id), status: .dead, error: "not on WhatsApp",
            errorCode: "graph 131026")
        outcome.fallsBack = true
        let dead = outcome
        for _ in 0..<2 {
            try await f.connection.perform { c in
                try c.execute(
                    "UPDATE notifications SET status = 'sending', claimed_by = 'me' WHERE channel = 'whatsapp'"
                )
                _ = try OutboxStore().record([dead], claimant: "me", connection: c)
            }
        }
        #expect(
            try await f.count(
                "SELECT count(*) FROM notifications WHERE channel = 'email' AND fallback_of = $1", [id]) == 1)
    }
}
