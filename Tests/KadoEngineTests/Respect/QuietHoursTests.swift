import Foundation
import KadoPostgres
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Dispatcher: quiet hours on the recipient's clock",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct QuietHoursTests {
    @Test(
        "at 22:00 Jakarta, with quiet hours 21:00-08:00, email waits until 08:00 on each user's clock (07:00 WIB for Makassar); WhatsApp's own quiet hours let it go; at 08:00 everything goes"
    )
    func waitsUntilMorning() async throws {
        var f = try await DeliveryFixture.make(users: 2)
        try await f.connection.perform { c in
            try c.execute("UPDATE users SET timezone = 'Asia/Makassar' WHERE id = 2")
        }
        let index = try #require(f.configuration.tenants.firstIndex { $0.config.id == "sayakaya" })
        let nine = LocalTime(hour: 21, minute: 0)
        let eight = LocalTime(hour: 8, minute: 0)
        f.configuration.tenants[index].config.quietHours = QuietHours(from: nine, to: eight)
        f.configuration.tenants[index].config.channels["whatsapp"]?.quietHours = QuietHours(
            from: LocalTime(hour: 12, minute: 0), to: LocalTime(hour: 13, minute: 0))
        try await f.issue()

        // 22:00 in Jakarta ten days ago: what quiet hours are judged at (the injected clock).
        // A held row is due again after as long as the quiet hours' end is from then.
        let jakarta = f.tenant.config.clock
        let day = jakarta.localDate(at: Date().addingTimeInterval(-10 * 86400))
        let clock = SettableClock(jakarta.instant(of: day, at: LocalTime(hour: 22, minute: 0)))
        let dispatcher = Dispatcher(
            configuration: f.configuration, renderer: try MessageRenderer(configuration: f.configuration),
            transport: f.transport, claims: f.db.database(), records: f.db.database(),
            options: .init(concurrency: 2), clock: clock)
        let night = try await dispatcher.drain()
        #expect(night.quiet == 2 && night.sent == 2)
        #expect(f.email.calls.isEmpty && f.whatsapp.calls.count == 2)
        let morning = jakarta.instant(of: day.adding(days: 1), at: eight)
        let due = try await f.connection.perform { c in
            try c.query(
                "SELECT user_id, extract(epoch FROM next_attempt_at - updated_at)::float8, status, last_error FROM notifications WHERE channel = 'email' ORDER BY user_id"
            ).map { try $0.decode((Int, Double, String, String?).self) }
        }
        let wait = morning.timeIntervalSince(clock.now())
        #expect(due.map(\.0) == [1, 2])
        #expect(abs(due[0].1 - wait) < 1, "Jakarta: until 08:00 WIB, 10 hours")
        #expect(abs(due[1].1 - (wait - 3600)) < 1, "Makassar: until 08:00 WITA, 9 hours")
        #expect(due.allSatisfy { $0.2 == "pending" })
        #expect(due[0].3 == "waiting: quiet hours until \(day.adding(days: 1)) 08:00 Asia/Jakarta")
        #expect(due[1].3 == "waiting: quiet hours until \(day.adding(days: 1)) 08:00 Asia/Makassar")
        // Nothing is due until then.
        #expect(try await dispatcher.drain().processed == 0)

        // The night passes.
        try await f.connection.perform { c in
            try c.execute("UPDATE notifications SET next_attempt_at = now() WHERE status = 'pending'")
        }
        clock.set(morning)
        let later = try await dispatcher.drain()
        #expect(later.sent == 2 && later.quiet == 0)
        #expect(f.email.calls.count == 2)
        #expect(try await f.statuses() == ["sent": 4])
    }

    @Test("a retry that falls in quiet hours (03:30) waits too, until 08:00, keeping its attempts")
    func retryWaits() async throws {
        var f = try await DeliveryFixture.make(users: 1)
        let index = try #require(f.configuration.tenants.firstIndex { $0.config.id == "sayakaya" })
        f.configuration.tenants[index].config.quietHours = QuietHours(
            from: LocalTime(hour: 21, minute: 0), to: LocalTime(hour: 8, minute: 0))
        try await f.issue()
        try await f.connection.perform { c in
            try c.execute("UPDATE notifications SET status = 'failed', attempts = 2 WHERE channel = 'email'")
        }
        let jakarta = f.tenant.config.clock
        let day = jakarta.localDate(at: Date().addingTimeInterval(-5 * 86400))
        let dispatcher = Dispatcher(
            configuration: f.configuration, renderer: try MessageRenderer(configuration: f.configuration),
            transport: f.transport, claims: f.db.database(), records: f.db.database(),
            options: .init(concurrency: 1),
            clock: SettableClock(jakarta.instant(of: day, at: LocalTime(hour: 3, minute: 30))))
        let summary = try await dispatcher.drain()
        #expect(summary.quiet == 2 && summary.sent == 0)
        #expect(
            try await f.count(
                "SELECT count(*) FROM notifications WHERE channel = 'email' AND status = 'failed' AND attempts = 2 AND abs(extract(epoch FROM next_attempt_at - updated_at) - 4.5 * 3600) < 1"
            ) == 1)
    }
}
