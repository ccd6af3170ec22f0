import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

/// Who a preview is for, as the engine says it on a real PostgreSQL: in the audience or
/// not and why (the occurrence's own query for that user), and for an issued occurrence
/// the stored code, terms and outbox row.
@Suite(
    "Preview subjects and audience membership on a real PostgreSQL",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct PreviewSubjectTests {
    static let day = LocalDate("2026-03-15")!

    func database() async throws -> PostgresConnection {
        let db = try await TestDatabase.make()
        let c = try await db.connect()
        try await c.perform { try EvaluatorTests.seed($0) }
        return c
    }

    func membership(_ c: PostgresConnection, _ user: Int, on date: LocalDate = day) async throws
        -> AudienceMembership?
    {
        let (tenant, rule) = ShippedConfig.sayakaya
        return try await c.perform { c in
            try AudienceMembership.check(userID: user, tenant: tenant, rule: rule, date: date, connection: c)
        }
    }

    func preview(channel: String, date: LocalDate = day) -> Preview {
        let tenant = ShippedConfig.configuration.tenant("sayakaya")!
        let rule = tenant.rules.first { $0.id == "birthday" }!
        return Preview(
            tenant: tenant, rule: rule, channel: tenant.config.channels[channel]!, date: date, locale: nil)
    }

    func subject(_ c: PostgresConnection, _ user: Int, channel: String = "email", date: LocalDate = day)
        async throws -> Preview.Subject
    {
        let preview = self.preview(channel: channel, date: date)
        return try await c.perform { c in try preview.subject(forUser: user, connection: c) }
    }

    @Test("why a user is not in the audience: each failed condition with the column's value")
    func reasons() async throws {
        let c = try await database()
        let ann = try #require(try await membership(c, 1))
        #expect(ann.isMember && ann.reasons.isEmpty)
        #expect(try await membership(c, 3)?.reasons == ["not verified (users.verified_status is false)"])
        #expect(try await membership(c, 4)?.reasons == ["not verified (users.verified_status is NULL)"])
        #expect(
            try await membership(c, 5)?.reasons == ["birthday not on 15 March (users.birthday is 1990-03-14)"]
        )
        #expect(try await membership(c, 99) == nil, "no such user")
        try await c.perform { c in
            _ = try c.query("UPDATE users SET verified_status = false WHERE id = 6")
        }
        #expect(
            try await membership(c, 6)?.reasons == [
                "not verified (users.verified_status is false)",
                "birthday not on 15 March (users.birthday is 1990-03-16)",
            ])
    }

    @Test("membership is the evaluator's audience: the users it says are in are the ones issued")
    func sameAsEvaluator() async throws {
        let c = try await database()
        let (tenant, rule) = ShippedConfig.sayakaya
        var members: [Int] = []
        for user in EvaluatorTests.users where try await membership(c, user.id)?.isMember == true {
            members.append(user.id)
        }
        _ = try await Evaluator(tenant: tenant, rule: rule).evaluate(on: Self.day, connection: c)
        let issued = try await c.perform { c in
            try c.query("SELECT user_id FROM promo_eligibilities ORDER BY 1").map {
                try $0.decode(Int.self, at: 0)
            }
        }
        #expect(members == issued)
        #expect(members == [1, 2, 7])
    }

    @Test("a Feb 29 birthday is in the audience of Feb 28 in a common year (the rule's leap_day)")
    func leapDay() async throws {
        let c = try await database()
        #expect(try await membership(c, 8, on: LocalDate("2027-02-28")!)?.isMember == true)
        #expect(
            try await membership(c, 8, on: LocalDate("2027-03-01")!)?.reasons == [
                "birthday not on 1 March (users.birthday is 2000-02-29)"
            ])
    }

    @Test("another tenant's own table and columns are named in the reason")
    func otherColumns() async throws {
        let c = try await database()
        try await c.perform { c in
            _ = try c.query(
                "INSERT INTO members (member_id, full_name, email_address, date_of_birth, is_verified) VALUES (5, 'Lotte', 'l@example.com', '1990-07-01', false)"
            )
        }
        let (tenant, rule) = ShippedConfig.lunaria
        let result = try await c.perform { c in
            try AudienceMembership.check(userID: 5, tenant: tenant, rule: rule, date: Self.day, connection: c)
        }
        #expect(
            result?.reasons == [
                "not verified (members.is_verified is false)",
                "birthday not on 15 March (members.date_of_birth is 1990-07-01)",
            ])
    }

    @Test("before the occurrence runs: a member is previewed with a sample code of the rule's shape")
    func notIssuedYet() async throws {
        let c = try await database()
        let subject = try await subject(c, 1)
        #expect(subject.standing == .notIssuedYet)
        #expect(subject.code.hasPrefix("BDAY-") && subject.code.count == 15)
        #expect(subject.terms == nil && subject.outboxID == nil)
        #expect(try await self.subject(c, 1).code == subject.code, "the sample code is stable")
    }

    @Test("an unverified user is not previewed with a made-up code: they are outside the audience, and why")
    func outside() async throws {
        let c = try await database()
        let subject = try await subject(c, 3)
        #expect(
            subject.standing
                == .notInAudience(reasons: ["not verified (users.verified_status is false)"], issued: false))
        let preview = preview(channel: "email")
        let renderer = try MessageRenderer(configuration: ShippedConfig.configuration)
        #expect {
            try preview.message(for: subject, renderer: renderer)
        } throws: { error in
            "\(error)".contains("user 3 is not in the audience of sayakaya/birthday")
                && "\(error)".contains("because: not verified")
        }
    }

    @Test("after the occurrence ran: the stored code and terms, and the user's outbox row for the Message-ID")
    func issued() async throws {
        let c = try await database()
        let (tenant, rule) = ShippedConfig.sayakaya
        _ = try await Evaluator(tenant: tenant, rule: rule).evaluate(on: Self.day, connection: c)
        let (code, row) = try await c.perform { c in
            try c.query(
                "SELECT p.promo_code, n.id FROM promos p JOIN notifications n ON n.promo_id = p.id WHERE n.user_id = 1 AND n.channel = 'email'"
            ).first!.decode((String, Int64).self)
        }
        let ann = try await subject(c, 1)
        #expect(ann.standing == .issued(outboxRow: true))
        #expect(ann.code == code && ann.outboxID == row)
        #expect(ann.terms?.amount == 10000)

        let renderer = try MessageRenderer(configuration: ShippedConfig.configuration)
        let message = try preview(channel: "email").message(for: ann, renderer: renderer)
        guard let email = message.content as? RenderedEmail else {
            Issue.record("not an email")
            return
        }
        let sent = MIMEMessage.messageID(
            tenantID: "sayakaya", outboxID: row, channel: "email", recipient: "ann@example.com",
            senderDomain: "sayakaya.id")
        #expect(try MIMEMessage(for: message, email: email, date: Date()).messageID == sent)

        // Ben has no email address: he got the promo, but no email was written for him.
        #expect(try await subject(c, 2, channel: "email").standing == .issued(outboxRow: false))
        #expect(try await subject(c, 2, channel: "whatsapp").standing == .issued(outboxRow: true))
        // Cid was left out when it ran.
        #expect(
            try await subject(c, 3).standing
                == .notInAudience(reasons: ["not verified (users.verified_status is false)"], issued: true))
    }

    @Test("an edited rule changes nothing in an issued preview: the terms are the stored ones")
    func storedTerms() async throws {
        let c = try await database()
        let (tenant, rule) = ShippedConfig.sayakaya
        _ = try await Evaluator(tenant: tenant, rule: rule).evaluate(on: Self.day, connection: c)
        var changed = preview(channel: "email")
        changed.rule.discount = .fixed(amount: 50000, currency: "IDR")
        let edited = changed
        let ann = try await c.perform { c in try edited.subject(forUser: 1, connection: c) }
        let renderer = try MessageRenderer(configuration: ShippedConfig.configuration)
        let message = try edited.message(for: ann, renderer: renderer)
        guard let email = message.content as? RenderedEmail else { return }
        #expect(email.text.contains("Rp10.000") && !email.text.contains("50.000"))
    }
}
