import Foundation
import KadoCurl
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite("One-click unsubscribe", .tags(.database), .enabled(if: TestDatabase.isAvailable))
struct UnsubscribeTests {
    typealias F = ServerFixture
    static let date = LocalDate("2026-03-15")!

    /// The List-Unsubscribe URL of the email the dispatcher wrote for `user` to the file outbox.
    static func emailedLink(_ f: ServerFixture, user: Int) throws -> (url: String, eml: String) {
        let files =
            FileManager.default.enumerator(at: f.outbox, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "eml" } ?? []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard text.contains("To: \"User \(user)\" <user\(user)@example.com>") else { continue }
            let unfolded = text.replacingOccurrences(of: "\r\n ", with: " ")
            guard
                let line = unfolded.components(separatedBy: "\r\n").first(where: {
                    $0.hasPrefix("List-Unsubscribe: ")
                }),
                let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">")
            else { continue }
            return (String(line[line.index(after: open)..<close]), text)
        }
        throw CocoaError(.fileNoSuchFile)
    }

    /// Sends what was issued. The days are ahead: their messages, due at 09:00 on each
    /// customer's clock (the shipped birthday rule), go now.
    func dispatch(_ f: ServerFixture) async throws -> DispatchSummary {
        try await f.connection.perform { c in
            try c.execute("UPDATE notifications SET next_attempt_at = now() WHERE status = 'pending'")
        }
        let dispatcher = Dispatcher(
            configuration: f.configuration, renderer: try MessageRenderer(configuration: f.configuration),
            transport: try DeliveryTransport(curl: f.client.curl),
            claims: Database(configuration: f.db.configuration, health: DatabaseHealth()),
            records: Database(configuration: f.db.configuration, health: DatabaseHealth()),
            options: .init(concurrency: 4, batchSize: 50))
        return try await dispatcher.drain()
    }

    func setBirthday(_ f: ServerFixture, users: [Int], to date: LocalDate) async throws {
        try await f.connection.perform { c in
            try c.query(
                "UPDATE users SET birthday = ($2::date - interval '30 years')::date WHERE id = ANY($1::int[])",
                [users, date.description])
        }
    }

    @Test(
        "every email carries List-Unsubscribe and List-Unsubscribe-Post; opening the link unsubscribes nobody, its POST does; the dispatcher and the next evaluation skip the user"
    )
    func oneClick() async throws {
        let f = try await ServerFixture.start()
        // Ten days ahead in Jakarta, so the promos are valid when they are sent.
        let day1 = f.tenant("sayakaya").config.clock.localDate(at: Date().addingTimeInterval(10 * 86400))
        let (day2, day3) = (day1.adding(days: 1), day1.adding(days: 2))
        try await f.addUsers(4, bornOn: day1)
        try await setBirthday(f, users: [3, 4], to: day2)

        // Users 1 and 2 get their email (and WhatsApp) with the link.
        try await f.issue("sayakaya", on: day1)
        #expect(try await dispatch(f).sent == 4)
        let (url, eml) = try Self.emailedLink(f, user: 1)
        #expect(url.hasPrefix(F.publicURL + "/u/v1.sayakaya.email.1."))
        #expect(eml.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        // The footer link in the body is the same link (quoted-printable may break lines).
        let body = eml.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
        #expect(body.contains(url))
        let token = String(url.dropFirst((F.publicURL + "/u/").count))

        // The page: a button that POSTs; opening it changes nothing.
        let page = try await f.client.send("GET", "/u/" + token)
        #expect(page.status == 200)
        #expect(page.contentType.hasPrefix("text/html"))
        #expect(page.text.contains("<form method=\"post\" action=\"/u/\(token)\">"))
        #expect(page.text.contains("name=\"List-Unsubscribe\" value=\"One-Click\""))
        #expect(try await f.count("SELECT count(*) FROM kado_suppressions") == 0)

        // RFC 8058: POST with List-Unsubscribe=One-Click; again changes nothing.
        for _ in 0..<2 {
            let post = try await f.client.send(
                "POST", "/u/" + token, body: Array("List-Unsubscribe=One-Click".utf8),
                contentType: "application/x-www-form-urlencoded")
            #expect(post.status == 200, "\(post.text)")
        }
        #expect(
            try await f.count(
                "SELECT count(*) FROM kado_suppressions WHERE tenant_id = 'sayakaya' AND channel = 'email' AND user_id = 1 AND source = 'unsubscribe'"
            ) == 1)
        #expect(try await f.count("SELECT count(*) FROM kado_suppressions") == 1)

        // Users 3 and 4 are issued; user 3 unsubscribes before the dispatcher gets to it:
        // the row written before is marked suppressed instead of sent.
        try await f.issue("sayakaya", on: day2)
        let link3 = try #require(
            f.tenant("sayakaya").config.unsubscribe?.url(tenantID: "sayakaya", channel: "email", userID: 3))
        #expect(try await f.client.send("POST", String(link3.dropFirst(F.publicURL.count))).status == 200)
        let second = try await dispatch(f)
        #expect(second.suppressed == 1 && second.sent == 3, "\(second)")
        let row = try await f.connection.perform { c in
            try c.query(
                "SELECT status, last_error FROM notifications WHERE user_id = 3 AND channel = 'email'"
            ).first?.decode((String, String?).self)
        }
        #expect(row?.0 == "suppressed")
        #expect(row?.1?.contains("suppressed") == true)

        // The next evaluation writes no email row for users 1 and 3, but still issues the
        // promo to them, and their WhatsApp.
        try await setBirthday(f, users: [1, 3], to: day3)
        let issued = try await f.issue("sayakaya", on: day3)
        #expect(issued.audience == 2 && issued.eligibilities == 2 && issued.promoID != nil)
        #expect(issued.notifications["email"] == nil, "\(issued.notifications)")
        #expect(issued.notifications["whatsapp"] == 2)
        #expect(try await dispatch(f).sent == 2)
        await f.stop()
    }

    @Test("a forged, altered, truncated or foreign token answers 400 and suppresses nobody")
    func badTokens() async throws {
        let f = try await ServerFixture.start()
        let unsubscribe = try #require(f.tenant("sayakaya").config.unsubscribe)
        let genuine = String(
            unsubscribe.url(tenantID: "sayakaya", channel: "email", userID: 7).dropFirst(
                (F.publicURL + "/u/").count))
        let parts = genuine.split(separator: ".").map(String.init)
        let otherUser = [parts[0], parts[1], parts[2], "8", parts[4]].joined(separator: ".")
        let otherChannel = [parts[0], parts[1], "whatsapp", parts[3], parts[4]].joined(separator: ".")
        let otherTenant = [parts[0], "lunaria", parts[2], parts[3], parts[4]].joined(separator: ".")
        var flipped = Array(parts[4])
        flipped[3] = flipped[3] == "A" ? "B" : "A"
        let alteredMAC = [parts[0], parts[1], parts[2], parts[3], String(flipped)].joined(separator: ".")
        let foreignKey =
            UnsubscribeConfig(publicURL: F.publicURL, secret: "another-secret-altogether-0123")
            .url(tenantID: "sayakaya", channel: "email", userID: 7).split(separator: "/").last.map(
                String.init) ?? ""
        let bad = [
            String(genuine.dropLast()), String(genuine.dropLast(10)), parts.dropLast().joined(separator: "."),
            otherUser, otherChannel, otherTenant, alteredMAC, foreignKey,
            "v2." + parts.dropFirst().joined(separator: "."),
            "nothing", "v1.sayakaya.email.7.", "v1.sayakaya.nochannel.7." + parts[4],
        ]
        for token in bad {
            for method in ["GET", "POST"] {
                let reply = try await f.client.send(method, "/u/" + token)
                #expect(reply.status == 400, "\(method) \(token): \(reply.text)")
                #expect(reply.code == "invalid_token", "\(token)")
            }
        }
        #expect(try await f.count("SELECT count(*) FROM kado_suppressions") == 0)
        #expect(try await f.client.send("POST", "/u/" + genuine).status == 200)
        #expect(try await f.count("SELECT count(*) FROM kado_suppressions WHERE user_id = 7") == 1)
        await f.stop()
    }
}
