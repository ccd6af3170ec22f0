import Foundation
import KadoPostgres
import KadoTestSupport
import KadoYAML
import Testing

@testable import KadoEngine

@Suite(
    "Dispatcher: frequency caps across rules, decided in the database",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"),
    .serialized)
struct FrequencyCapTests {
    /// sayakaya's birthday rule and a second one on the same day firing at 08:00 (`late`), with
    /// a cap of one email per customer and day; `latePriority` puts the second in an exclusive
    /// group above the first.
    static func twoRules(users: Int, latePriority: Int? = nil) async throws -> DeliveryFixture {
        var f = try await DeliveryFixture.make(users: users)
        let index = try #require(f.configuration.tenants.firstIndex { $0.config.id == "sayakaya" })
        let mark = SourceMark(file: "tenant.yaml", line: 1, column: 1)
        f.configuration.tenants[index].config.frequencyCap = FrequencyCap(
            messages: 1, perDays: 1, channels: ["email"], mark: mark)
        var late = f.rule
        late.id = "birthday-late"
        late.at = LocalTime(hour: 8, minute: 0)
        if let latePriority {
            late.exclusive = ExclusiveGroup(
                group: "birthday", priority: latePriority, groupMark: mark, priorityMark: mark)
        }
        f.configuration.tenants[index].rules.append(late)
        try await f.issue()
        let tenant = f.tenant.config
        let date = f.date
        let lateRule = late
        try await f.connection.perform { c in
            _ = try Evaluator(tenant: tenant, rule: lateRule).evaluate(on: date, connection: c)
        }
        return f
    }

    /// Sent and capped email rows by rule.
    static func emails(_ f: DeliveryFixture) async throws -> [String: Int] {
        try await f.connection.perform { c in
            var out: [String: Int] = [:]
            for row in try c.query(
                "SELECT p.rule_id || ' ' || n.status, count(*) FROM notifications n JOIN promos p ON p.id = n.promo_id WHERE n.channel = 'email' GROUP BY 1"
            ) {
                let (key, count) = try row.decode((String, Int).self)
                out[key] = count
            }
            return out
        }
    }

    @Test(
        "two rules on one day, a cap of one: two dispatchers at once send each customer one email, the earlier trigger's; the other is capped; WhatsApp is not capped"
    )
    func earlierTriggerWins() async throws {
        let f = try await Self.twoRules(users: 20)
        let options = Dispatcher.Options(concurrency: 2, batchSize: 4)
        let (first, second) = (try f.dispatcher(options), try f.dispatcher(options))
        async let a = first.drain()
        async let b = second.drain()
        let (x, y) = try await (a, b)
        #expect(x.capped + y.capped == 20)
        #expect(x.sent + y.sent == 60)
        #expect(try await Self.emails(f) == ["birthday sent": 20, "birthday-late capped": 20])
        #expect(f.email.calls.count == 20 && Set(f.email.calls.map(\.message.recipient)).count == 20)
        #expect(f.whatsapp.calls.count == 40)
        #expect(
            try await f.count(
                "SELECT count(*) FROM notifications WHERE status = 'capped' AND claimed_by IS NULL AND last_error = 'not sent: the frequency cap of 1 message per 1 day on email was reached'"
            ) == 20)
        // kado status counts them.
        let counts = try await f.connection.perform { c in
            try OutboxStore().counts(tenant: "sayakaya", rule: "birthday-late", connection: c)
        }
        #expect(counts[.capped] == 20 && counts[.sent] == 20)
    }

    @Test("the higher exclusive-group priority wins over the earlier trigger")
    func priorityWins() async throws {
        let f = try await Self.twoRules(users: 6, latePriority: 10)
        let options = Dispatcher.Options(concurrency: 2, batchSize: 3)
        let (first, second) = (try f.dispatcher(options), try f.dispatcher(options))
        async let a = first.drain()
        async let b = second.drain()
        _ = try await (a, b)
        #expect(try await Self.emails(f) == ["birthday capped": 6, "birthday-late sent": 6])
    }

    @Test("a message already sent in the window caps a later one; a capped row is pruned like a sent one")
    func sentCounts() async throws {
        var f = try await DeliveryFixture.make(users: 3)
        let index = try #require(f.configuration.tenants.firstIndex { $0.config.id == "sayakaya" })
        let mark = SourceMark(file: "tenant.yaml", line: 1, column: 1)
        f.configuration.tenants[index].config.frequencyCap = FrequencyCap(
            messages: 1, perDays: 7, channels: ["email"], mark: mark)
        try await f.issue()
        #expect(try await f.dispatcher().drain().sent == 6)
        // The next occurrence of another rule a day later, within the 7 days.
        var other = f.rule
        other.id = "harbolnas-like"
        let tenant = f.tenant.config
        let date = f.date
        let otherRule = other
        try await f.connection.perform { c in
            _ = try Evaluator(tenant: tenant, rule: otherRule).evaluate(on: date, connection: c)
        }
        let again = try await f.dispatcher().drain()
        #expect(again.capped == 3 && again.sent == 3)
        try await f.connection.perform { c in
            try c.execute(
                "UPDATE notifications SET updated_at = now() - interval '40 days' WHERE status = 'capped'")
        }
        let pruned = try await f.connection.perform { c in
            try OutboxStore().prune(olderThan: 30, limit: 100, connection: c)
        }
        #expect(pruned == 3)
    }
}
