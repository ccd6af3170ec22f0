import Foundation
import KadoCurl
import KadoPostgres
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Attribute values captured at issuance, shown by type in the message locale",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct SnapshotTests {
    /// Lunaria's shipped configuration, its email sent to a scripted provider.
    struct Fixture {
        let db: TestDatabase
        let connection: PostgresConnection
        let configuration: Configuration
        let email = ProviderScript()
        /// Ten days ahead in Amsterdam (eleven instead of a Feb 29), so that promos are valid when sent.
        let date: LocalDate

        init() async throws {
            db = try await TestDatabase.make()
            connection = try await db.connect()
            var configuration = ShippedConfig.configuration
            let index = try #require(configuration.tenants.firstIndex { $0.config.id == "lunaria" })
            configuration.tenants[index].config.channels["email"]?.provider = ScriptedProvider(script: email)
            configuration.tenants[index].config.channels["email"]?.rateLimit = nil
            self.configuration = configuration
            let ahead = configuration.tenants[index].config.clock.localDate(
                at: Date().addingTimeInterval(10 * 86400))
            // Not Feb 29: the tests count whole years back from it.
            date = ahead.month == 2 && ahead.day == 29 ? ahead.adding(days: 1) : ahead
        }

        var tenant: Configuration.Tenant { configuration.tenant("lunaria")! }

        func rule(_ id: String) throws -> RuleConfig {
            try #require(tenant.rules.first { $0.id == id })
        }

        func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws {
            try await connection.perform { c in _ = try c.query(sql, parameters) }
        }

        @discardableResult
        func issue(_ ruleID: String) async throws -> EvaluationResult {
            try await Evaluator(tenant: tenant.config, rule: try rule(ruleID)).evaluate(
                on: date, connection: connection)
        }

        /// Sends everything due; returns each recipient's text body.
        func send() async throws -> [String: String] {
            let dispatcher = Dispatcher(
                configuration: configuration, renderer: try MessageRenderer(configuration: configuration),
                transport: try DeliveryTransport(curl: CurlClient()), claims: db.database(),
                records: db.database(),
                options: .init(concurrency: 2))
            _ = try await dispatcher.drain()
            var bodies: [String: String] = [:]
            for call in email.calls {
                if let mail = call.message.content as? RenderedEmail {
                    bodies[call.message.recipient] = mail.subject + "\n" + mail.text
                }
            }
            return bodies
        }
    }

    @Test(
        "anniversary: {{trigger.years}} and {{user.member_since}} as issued, though the member changed since")
    func anniversary() async throws {
        let f = try await Fixture()
        // Members joined 1, 5 and 10 years before the date (a timestamptz at 23:30 UTC the evening
        // before: already that date in Amsterdam), one in English; 4 joined 3 years before.
        for (id, years, locale) in [(1, 1, nil), (2, 5, "en-US"), (3, 10, nil), (4, 3, nil)]
            as [(Int, Int, String?)]
        {
            try await f.execute(
                """
                INSERT INTO members (member_id, full_name, email_address, is_verified, preferred_locale, member_since)
                VALUES ($1::int, 'Member ' || $1, 'm' || $1 || '@example.com', true, $3,
                        ((($2::date - make_interval(years => $4::int))::date - 1) + time '23:30') AT TIME ZONE 'UTC')
                """, [id, f.date.description, locale, years])
        }
        let issued = try await f.issue("anniversary")
        #expect(issued.audience == 3)
        let captured = try await f.connection.perform { c in
            try c.query("SELECT user_id, attributes::text FROM notifications ORDER BY 1").map {
                try $0.decode((Int, String).self)
            }
        }
        #expect(captured.map(\.0) == [1, 2, 3])
        let snapshot = AttributeSnapshot(json: captured[1].1)
        #expect(snapshot.values["trigger.years"] == .integer(5))
        let joined = LocalDate(year: f.date.year - 5, month: f.date.month, day: f.date.day)
        #expect(snapshot.values["user.member_since"] == .string(joined.description))
        // What changes after issuing does not reach the message.
        try await f.execute("UPDATE members SET member_since = now(), full_name = 'Renamed'")
        let bodies = try await f.send()
        let dutch = try #require(bodies["m3@example.com"])
        #expect(dutch.hasPrefix("10 jaar bij Lunaria"))
        let since = MessageFormatter(
            locale: "nl-NL", currency: "EUR", timeZone: f.tenant.config.clock.timeZone
        )
        .date(LocalDate(year: f.date.year - 10, month: f.date.month, day: f.date.day))
        #expect(dutch.contains("je bent sinds \(since) lid van Lunaria: 10 jaar"))
        let english = try #require(bodies["m2@example.com"])
        #expect(english.hasPrefix("5 years with Lunaria"))
        #expect(english.contains(", \(f.date.year - 5)"))  // "March 15, 2021": the English long date
    }

    @Test("numbers in the locale, a missing value hides its section, text as stored")
    func formatting() async throws {
        let f = try await Fixture()
        let birthday = LocalDate(year: 1990, month: f.date.month, day: f.date.day)
        let date = f.date
        for (id, points, locale) in [(1, 1278, nil), (2, nil, nil), (3, 2500, "en-US")]
            as [(Int, Int?, String?)]
        {
            try await f.execute(
                """
                INSERT INTO members (member_id, full_name, email_address, date_of_birth, is_verified, tier,
                                     loyalty_points, preferred_locale)
                VALUES ($1::int, 'Member ' || $1, 'm' || $1 || '@example.com', $2::date, true, 'gold', $3::int, $4)
                """, [id, birthday.description, points, locale])
        }
        _ = try await Evaluator(tenant: f.tenant.config, rule: try f.rule("birthday-gold")).evaluate(
            on: date, connection: f.connection)
        let bodies = try await f.send()
        #expect(try #require(bodies["m1@example.com"]).contains("Je spaarpunten: 1.278."))
        #expect(try #require(bodies["m3@example.com"]).contains("Your loyalty points: 2,500."))
        let missing = try #require(bodies["m2@example.com"])
        #expect(!missing.contains("spaarpunten"))
        #expect(missing.contains("Als gold-lid krijg je"))
    }

    @Test("preview: the issued row's values for an issued message, the user's values now before")
    func preview() async throws {
        let f = try await Fixture()
        try await f.execute(
            """
            INSERT INTO members (member_id, full_name, email_address, date_of_birth, is_verified, tier, loyalty_points)
            VALUES (1, 'Ann', 'ann@example.com', $1::date, true, 'platinum', 10)
            """, [LocalDate(year: 1990, month: f.date.month, day: f.date.day).description])
        let rule = try f.rule("birthday-gold")
        let channel = try #require(f.tenant.config.channels["email"])
        let preview = Preview(tenant: f.tenant, rule: rule, channel: channel, date: f.date, locale: nil)
        let before = try await f.connection.perform { try preview.snapshot(userID: 1, connection: $0) }
        #expect(before.values == ["user.tier": .string("platinum"), "user.points": .integer(10)])
        try await f.issue("birthday-gold")
        try await f.execute("UPDATE members SET tier = 'regular', loyalty_points = 99")
        let issued = try await f.connection.perform { try preview.issued(userID: 1, connection: $0) }
        #expect(issued?.attributes == before)
        let now = try await f.connection.perform { try preview.snapshot(userID: 1, connection: $0) }
        #expect(now.values == ["user.tier": .string("regular"), "user.points": .integer(99)])
        // The preview of the issued message shows what was captured, not the data as it is now.
        let subject = try await f.connection.perform { try preview.subject(forUser: 1, connection: $0) }
        #expect(subject.snapshot == before)
        let message = try preview.message(
            for: subject, renderer: try MessageRenderer(configuration: f.configuration))
        guard let mail = message.content as? RenderedEmail else {
            Issue.record("not an email")
            return
        }
        #expect(mail.text.contains("Als platinum-lid"))
    }

    @Test("booleans in words and as sections; dates long; by the message's locale")
    func formatter() {
        let nl = MessageFormatter(locale: "nl-NL", currency: "EUR", timeZone: TimeZone(identifier: "UTC")!)
        let id = MessageFormatter(locale: "id-ID", currency: "IDR", timeZone: TimeZone(identifier: "UTC")!)
        #expect(nl.attribute(.bool(true), type: .boolean) == TemplateAttribute(shown: "ja", truthy: true))
        #expect(
            id.attribute(.bool(false), type: .boolean) == TemplateAttribute(shown: "tidak", truthy: false))
        #expect(id.attribute(.integer(1250), type: .integer).shown == "1.250")
        #expect(nl.attribute(.number(4.75), type: .number).shown == "4,75")
        #expect(id.attribute(.string("2026-12-12"), type: .date).shown == "12 Desember 2026")
        #expect(nl.attribute(.string("2026-12-12"), type: .string).shown == "2026-12-12")
        #expect(nl.attribute(.null, type: .string) == .missing)
        #expect(nl.attribute(nil, type: .integer) == .missing)
    }
}
