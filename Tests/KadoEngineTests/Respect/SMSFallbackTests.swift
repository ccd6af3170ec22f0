import Foundation
import KadoCurl
import KadoPostgres
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "SMS: Lunaria members an email cannot reach get the birthday SMS through a Twilio stand-in",
    .tags(.database, .fakes),
    .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"),
    .enabled(if: FakeServer.pythonAvailable, "python3 is needed for the HTTP stub"))
struct SMSFallbackTests {
    /// 21614 for one number, 201 with a message SID for the right account, 401 for any other.
    static let twilio = """
        [{"match": {"body_contains": "To=%2B31655555555"}, "status": 400,
          "body": {"code": 21614, "message": "'To' number is not a valid mobile number",
                   "more_info": "https://www.twilio.com/docs/errors/21614", "status": 400}},
         {"match": {"method": "POST", "path_regex": "^/2010-04-01/Accounts/ACtest42/Messages.json$",
                    "header": {"Authorization": "Basic QUN0ZXN0NDI6c21zLXNlY3JldC0xMjM="}},
          "status": 201, "body": {"sid": "SMa1b2c3", "status": "queued"}},
         {"match": {}, "status": 401, "body": {"code": 20003, "message": "Authenticate", "status": 401}}]
        """

    @Test(
        "no email: SMS at issuance, the national number sent as E.164; a bounce: the SMS falls back once; a number Twilio cannot reach, or no valid number, ends dead without more"
    )
    func fallsBackToSMS() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.twilio)
        defer { stub.stop() }
        let db = try await TestDatabase.make()
        let connection = try await db.connect()
        var configuration = ShippedConfig.configuration
        let index = try #require(configuration.tenants.firstIndex { $0.config.id == "lunaria" })
        let email = ProviderScript()
        email.setAnswer { message, _ in
            message.recipient == "bounce@example.com"
                ? .failed(
                    reason: "SMTP 550 5.1.1 user unknown", code: "smtp 550", kind: .recipientUnreachable)
                : .sent(providerMessageID: "<mail>")
        }
        configuration.tenants[index].config.channels["email"]?.provider = ScriptedProvider(script: email)
        configuration.tenants[index].config.channels["sms"]?.provider = TwilioProvider(
            accountSID: "ACtest42", authToken: "sms-secret-123", from: "Lunaria", baseURL: stub.httpURL(""))
        configuration.tenants[index].config.channels["sms"]?.rateLimit = nil
        let tenant = try #require(configuration.tenant("lunaria"))
        let rule = try #require(tenant.rules.first { $0.id == "birthday-week" })
        let ahead = tenant.config.clock.localDate(at: Date().addingTimeInterval(10 * 86400))
        let date = ahead.month == 2 && ahead.day == 29 ? ahead.adding(days: 1) : ahead
        let members: [(Int, String?, String?, String?)] = [
            (1, "anna@example.com", "06-11111111", nil),
            (2, nil, "06 1234 5678", "nl-NL"),
            (3, "bounce@example.com", "+31 6 2222 2222", "en-US"),
            (4, nil, "0611", nil),
            (5, nil, "06-5555 5555", nil),
            (6, nil, nil, nil),
        ]
        try await connection.perform { c in
            for (id, address, mobile, locale) in members {
                _ = try c.query(
                    """
                    INSERT INTO members (member_id, full_name, email_address, mobile, date_of_birth, is_verified,
                                         preferred_locale)
                    VALUES ($1::int, 'Member ' || $1, $2, $3, ($4::date - interval '30 years')::date, true, $5)
                    """, [id, address, mobile, date.description, locale])
            }
        }
        let issued = try await Evaluator(tenant: tenant.config, rule: rule).evaluate(
            on: date, connection: connection)
        #expect(issued.notifications == ["email": 2, "sms": 3], "member 6 has neither: no row")

        let dispatcher = Dispatcher(
            configuration: configuration, renderer: try MessageRenderer(configuration: configuration),
            transport: try DeliveryTransport(curl: CurlClient()), claims: db.database(),
            records: db.database(),
            options: .init(concurrency: 2))
        _ = try await dispatcher.drain()
        _ = try await dispatcher.drain()

        let rows = try await connection.perform { c in
            try c.query(
                """
                SELECT n.user_id || ' ' || n.channel || ' ' || n.status || ' ' || n.recipient
                       || coalesce(' ' || n.last_error_code, '') || coalesce(' fallback of ' || o.channel, '')
                  FROM notifications n LEFT JOIN notifications o ON o.id = n.fallback_of
                 ORDER BY n.user_id, n.channel
                """
            ).map { try $0.decode(String.self, at: 0) }
        }
        #expect(
            rows == [
                "1 email sent anna@example.com",
                "2 sms sent 06 1234 5678",
                "3 email dead bounce@example.com smtp 550",
                "3 sms sent +31 6 2222 2222 fallback of email",
                "4 sms dead 0611 address",
                "5 sms dead 06-5555 5555 twilio 21614",
            ], "\(rows)")

        let requests = try stub.recordedRequests()
        let forms = requests.map { ChannelTwilioTests.formFields($0.body) }
        #expect(forms.map { $0["To"] ?? "" }.sorted() == ["+31612345678", "+31622222222", "+31655555555"])
        #expect(requests.allSatisfy { $0.path == "/2010-04-01/Accounts/ACtest42/Messages.json" })
        let codes = try await connection.perform { c in
            try c.query(
                "SELECT e.user_id, e.promo_code FROM promo_eligibilities e ORDER BY 1"
            ).map { try $0.decode((Int, String).self) }
        }
        let code = Dictionary(uniqueKeysWithValues: codes)
        let dutch = try #require(forms.first { $0["To"] == "+31612345678" })
        #expect(dutch["From"] == "Lunaria")
        #expect(
            dutch["Body"]
                == "Gefeliciteerd Member! Deze week 15% (max. € 20) korting bij Lunaria met code \(code[2] ?? "?"), geldig t/m \(Self.dutchDate(date.adding(days: 6)))."
        )
        let english = try #require(forms.first { $0["To"] == "+31622222222" })
        #expect(
            english["Body"]?.hasPrefix("Happy birthday Member! 15% (max. €20) off at Lunaria") == true,
            "\(english)")
        #expect(english["Body"]?.contains(code[3] ?? "?") == true, "the same promo as the bounced email")
        #expect(SMSSegments(english["Body"] ?? "").count == 1)
    }

    static func dutchDate(_ date: LocalDate) -> String {
        let months = [
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
            "oktober",
            "november", "december",
        ]
        return "\(date.day) \(months[date.month - 1]) \(date.year)"
    }
}
