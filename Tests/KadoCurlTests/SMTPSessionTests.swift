import Foundation
import KadoCurl
import KadoTestSupport
import Testing

/// Kept sessions and pipelining, seen from the server: `scripts/fakes/smtp_server.py`
/// logs every command with the number of its connection.
@Suite(
    "SMTPClient sessions", .timeLimit(.minutes(1)),
    .tags(.fakes),
    .enabled(if: FakeServer.aiosmtpdAvailable, "python3 with aiosmtpd is needed (pip install aiosmtpd)"))
struct SMTPSessionTests {
    /// A message with a minute to go: the tests that hold a reply release it themselves, and
    /// under a full parallel test run a shorter timeout fired first (the message then failed
    /// and its successor went on a new connection).
    static func mail(to recipient: String, url: String) -> SMTPRequest {
        SMTPRequest(
            url: url, from: "promo@kado.example", recipients: [recipient], message: SMTPClientTests.message,
            tls: .none, timeout: .seconds(60))
    }

    /// The fake's holds wait this long at most (its default is 5 s, which a loaded machine
    /// overran before the test let the reply go).
    static let hold = ["--hold-seconds", "60"]

    static func send(_ mail: SMTPRequest, through client: SMTPClient) async -> CurlError? {
        do {
            _ = try await client.send(mail)
            return nil
        } catch {
            return error as? CurlError
        }
    }

    @Test(arguments: [false, true])
    func messagesOneAfterAnotherShareOneConnection(pipelining: Bool) async throws {
        let server = try await FakeServer.smtpServer(pipelining ? ["--pipelining"] : [])
        defer { server.stop() }
        let client = try SMTPClient()
        for number in 1...5 {
            let response = try await client.send(
                Self.mail(to: "user\(number)@example.com", url: server.smtpURL))
            #expect(response.code == 250)
            #expect(response.queueID == "KADO\(number)")
        }
        await client.shutdown()

        let commands = server.receivedCommands()
        #expect(Set(commands.map(\.session)) == [1])
        let perMessage: [String] = ["MAIL", "RCPT", "DATA"]
        let expected: [String] = ["EHLO"] + (1...5).flatMap { _ in perMessage } + ["QUIT"]
        #expect(commands.map(\.verb) == expected)
        #expect(try server.receivedEnvelope(5).rcpt_tos == ["user5@example.com"])
        #expect(try server.receivedMessage(5) == SMTPClientTests.message)
    }

    @Test func aRefusedRecipientResetsTheSessionAndTheNextMessageUsesIt() async throws {
        let server = try await FakeServer.smtpServer(["--reject-rcpt", "gone@example.com"])
        defer { server.stop() }
        let client = try SMTPClient()
        let refused = await Self.send(Self.mail(to: "gone@example.com", url: server.smtpURL), through: client)
        let delivered = await Self.send(
            Self.mail(to: "budi@example.com", url: server.smtpURL), through: client)
        await client.shutdown()

        #expect(refused?.responseCode == 550)
        #expect(refused?.phase == .rcptTo)
        #expect(delivered == nil)
        let commands = server.receivedCommands()
        #expect(commands.map(\.verb) == ["EHLO", "MAIL", "RCPT", "RSET", "MAIL", "RCPT", "DATA", "QUIT"])
        #expect(Set(commands.map(\.session)) == [1])
        #expect(server.receivedCount() == 1)
    }

    @Test func pipelinedCommandsGoOutTogetherAndARefusalStillComesFirst() async throws {
        // Pipelined, DATA was already sent when RCPT's 550 arrives: the server answers it
        // 554 (no valid recipients), the client reports the RCPT refusal, resets, and
        // sends no body.
        let server = try await FakeServer.smtpServer(["--pipelining", "--reject-rcpt", "gone@example.com"])
        defer { server.stop() }
        let client = try SMTPClient()
        let refused = await Self.send(Self.mail(to: "gone@example.com", url: server.smtpURL), through: client)
        let delivered = await Self.send(
            Self.mail(to: "budi@example.com", url: server.smtpURL), through: client)
        await client.shutdown()

        #expect(refused?.responseCode == 550)
        #expect(refused?.phase == .rcptTo)
        #expect(refused?.serverReply?.contains("gone@example.com") == true)
        #expect(delivered == nil)
        let commands = server.receivedCommands()
        #expect(
            commands.map(\.verb) == ["EHLO", "MAIL", "RCPT", "DATA", "RSET", "MAIL", "RCPT", "DATA", "QUIT"])
        #expect(server.receivedCount() == 1)
        #expect(try server.receivedEnvelope(1).rcpt_tos == ["budi@example.com"])
    }

    @Test func aKeptConnectionTheServerClosedIsReplacedWithoutLosingTheMessage() async throws {
        // The fake's first connection is killed by a stop-and-restart on the same port:
        // the kept session is dead when the next message goes, which then opens a new
        // one and is delivered.
        let server = try await FakeServer.smtpServer()
        let client = try SMTPClient()
        #expect(await Self.send(Self.mail(to: "a@example.com", url: server.smtpURL), through: client) == nil)
        let port = server.port
        server.stop()
        let again = try await FakeServer.smtpServer(["--port", String(port)])
        defer { again.stop() }
        let error = await Self.send(Self.mail(to: "b@example.com", url: again.smtpURL), through: client)
        await client.shutdown()

        #expect(error == nil, "\(String(describing: error))")
        #expect(again.receivedCount() == 1)
        #expect(try again.receivedEnvelope(1).rcpt_tos == ["b@example.com"])
    }

    @Test func anIdleSessionIsClosedWithQuitAfterTheIdleTimeout() async throws {
        let server = try await FakeServer.smtpServer()
        defer { server.stop() }
        let client = try SMTPClient(configuration: .init(idleTimeout: .milliseconds(200)))
        #expect(await Self.send(Self.mail(to: "a@example.com", url: server.smtpURL), through: client) == nil)
        // The client closes the session on its own: QUIT arrives with no call pending.
        let deadline = ContinuousClock.now + .seconds(10)
        while server.receivedCommands().last?.verb != "QUIT", ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(server.receivedCommands().map(\.verb) == ["EHLO", "MAIL", "RCPT", "DATA", "QUIT"])
        #expect(await Self.send(Self.mail(to: "b@example.com", url: server.smtpURL), through: client) == nil)
        await client.shutdown()

        #expect(Set(server.receivedCommands().map(\.session)) == [1, 2])
    }

    /// Waits until the fake has logged `count` commands (it logs each as it arrives).
    static func waitForCommands(_ server: FakeServer, count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while server.receivedCommands().count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Sends `recipients` at once through `client`; the error of each, by recipient.
    static func sendAll(_ recipients: [String], url: String, through client: SMTPClient) async
        -> [String: CurlError?]
    {
        await withTaskGroup(of: (String, CurlError?).self) { group in
            for recipient in recipients {
                group.addTask { (recipient, await send(mail(to: recipient, url: url), through: client)) }
            }
            var errors: [String: CurlError?] = [:]
            for await (recipient, error) in group { errors[recipient] = error }
            return errors
        }
    }

    /// Waits until `client` has queued `count` messages.
    static func waitUntilSubmitted(_ client: SMTPClient, count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while client.messagesSubmitted < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test func pipelinedTheNextMessagesCommandsFollowTheBodyOnTheSameConnection() async throws {
        // One connection, four messages waiting for it: each body but the last goes out
        // with the next message's MAIL, RCPT and DATA behind it in the same write. The
        // server holds the first one's 354 until all four are queued.
        let release = FileManager.default.temporaryDirectory.appendingPathComponent("kado-release-\(UUID())")
        defer { try? FileManager.default.removeItem(at: release) }
        let recipients = (1...4).map { "user\($0)@example.com" }
        let server = try await FakeServer.smtpServer(
            ["--pipelining", "--log-bodies"] + Self.hold
                + recipients.flatMap { ["--hold-data", $0, release.path] })
        defer { server.stop() }
        let client = try SMTPClient(configuration: .init(maxConnections: 1))
        #expect(
            await Self.send(Self.mail(to: "first@example.com", url: server.smtpURL), through: client) == nil)
        let url = server.smtpURL
        let batch = Task { await Self.sendAll(recipients, url: url, through: client) }
        try await Self.waitUntilSubmitted(client, count: 5)
        try Data().write(to: release)
        let errors = await batch.value
        await client.shutdown()

        #expect(errors.count == 4)
        #expect(errors.values.allSatisfy { $0 == nil }, "\(errors)")
        let commands = server.receivedCommands()
        #expect(Set(commands.map(\.session)) == [1])
        let message: [String] = ["MAIL", "RCPT", "DATA"]
        let expected: [String] =
            ["EHLO"] + message + ["BODY"] + (1...3).flatMap { _ in message + ["BODY+NEXT"] } + message + [
                "BODY", "QUIT",
            ]
        #expect(commands.map(\.verb) == expected)
        #expect(server.receivedCount() == 5)
        for number in 1...5 {
            #expect(try server.receivedMessage(number) == SMTPClientTests.message)
        }
        let delivered = try (2...5).map { try server.receivedEnvelope($0).rcpt_tos }
        #expect(Set(delivered.flatMap { $0 }) == Set(recipients))
    }

    @Test func aChainedMessageWithARefusedRecipientIsResetAndTheOthersStillGo() async throws {
        let server = try await FakeServer.smtpServer([
            "--pipelining", "--log-bodies", "--reject-rcpt", "gone@example.com",
        ])
        defer { server.stop() }
        let client = try SMTPClient(configuration: .init(maxConnections: 1))
        #expect(
            await Self.send(Self.mail(to: "first@example.com", url: server.smtpURL), through: client) == nil)
        let errors = await Self.sendAll(
            ["a@example.com", "gone@example.com", "b@example.com"], url: server.smtpURL, through: client)
        await client.shutdown()

        #expect(errors.count == 3)
        #expect(errors["a@example.com"].map { $0 == nil } == true)
        #expect(errors["b@example.com"].map { $0 == nil } == true)
        let refused = try #require(errors["gone@example.com"] ?? nil)
        #expect(refused.responseCode == 550)
        #expect(refused.phase == .rcptTo)
        let commands = server.receivedCommands()
        #expect(Set(commands.map(\.session)) == [1])
        #expect(commands.filter { $0.verb == "RSET" }.count == 1)
        #expect(server.receivedCount() == 3)
        let delivered = try (1...3).flatMap { try server.receivedEnvelope($0).rcpt_tos }
        #expect(Set(delivered) == ["first@example.com", "a@example.com", "b@example.com"])
    }

    @Test func aSessionLostUnderAChainedMessageHandsItBackAndItIsDeliveredOnANewConnection() async throws {
        // The server holds the 354 of the first message until the test lets it go, so the
        // second message waits for that body; it then answers the body with 421 (closing),
        // only once the second message's commands have arrived behind it. The second
        // message cannot have been accepted, so it goes again on connection 2.
        let release = FileManager.default.temporaryDirectory.appendingPathComponent("kado-release-\(UUID())")
        defer { try? FileManager.default.removeItem(at: release) }
        let server = try await FakeServer.smtpServer(
            [
                "--pipelining", "--log-bodies", "--hold-data", "bye@example.com", release.path,
                "--final-reply-after-next", "bye@example.com", "421 4.3.2 Shutting down",
            ] + Self.hold)
        defer { server.stop() }
        let client = try SMTPClient(configuration: .init(maxConnections: 1))
        #expect(
            await Self.send(Self.mail(to: "first@example.com", url: server.smtpURL), through: client) == nil)
        let url = server.smtpURL
        let closing = Task { await Self.send(Self.mail(to: "bye@example.com", url: url), through: client) }
        // The first message's DATA is held at the server until the second is queued.
        try await Self.waitForCommands(server, count: 8)
        let next = Task { await Self.send(Self.mail(to: "next@example.com", url: url), through: client) }
        try await Self.waitUntilSubmitted(client, count: 3)
        try Data().write(to: release)
        let refused = await closing.value
        let delivered = await next.value
        await client.shutdown()

        #expect(refused?.responseCode == 421)
        #expect(delivered == nil, "\(String(describing: delivered))")
        let commands = server.receivedCommands()
        #expect(
            commands.map { "\($0.session) \($0.verb)" } == [
                "1 EHLO", "1 MAIL", "1 RCPT", "1 DATA", "1 BODY", "1 MAIL", "1 RCPT", "1 DATA", "1 BODY+NEXT",
                "2 EHLO", "2 MAIL", "2 RCPT", "2 DATA", "2 BODY", "2 QUIT",
            ])
        #expect(try server.receivedEnvelope(2).rcpt_tos == ["next@example.com"])
    }

    @Test func aPipeliningServerKeepsHalfTheConnectionsOnceItsEHLOIsKnown() async throws {
        // Two messages at once, before any connection is open: one connection each (the
        // server's PIPELINING is not known yet). Once it is, the server gets half of
        // maxConnections: the first connection to fall idle is closed with QUIT at once,
        // and a third message goes on the other one.
        let release = FileManager.default.temporaryDirectory.appendingPathComponent("kado-release-\(UUID())")
        defer { try? FileManager.default.removeItem(at: release) }
        let server = try await FakeServer.smtpServer(
            ["--pipelining", "--hold-greeting", release.path] + Self.hold)
        defer { server.stop() }
        let client = try SMTPClient(configuration: .init(maxConnections: 2))
        let url = server.smtpURL
        let both = Task { await Self.sendAll(["a@example.com", "b@example.com"], url: url, through: client) }
        try await Self.waitUntilSubmitted(client, count: 2)
        try Data().write(to: release)
        let errors = await both.value
        #expect(errors.count == 2)
        #expect(errors.values.allSatisfy { $0 == nil }, "\(errors)")
        try await Self.waitForCommands(server, count: 9)
        let third = await Self.send(Self.mail(to: "c@example.com", url: url), through: client)
        let beforeShutdown = server.receivedCommands()
        await client.shutdown()

        #expect(third == nil)
        #expect(Set(beforeShutdown.map(\.session)) == [1, 2])
        let quits = beforeShutdown.filter { $0.verb == "QUIT" }
        #expect(quits.count == 1)
        // The third message went on the connection that was kept.
        let closed = try #require(quits.first).session
        let kept = closed == 1 ? 2 : 1
        let last = beforeShutdown.suffix(3).map { "\($0.session) \($0.verb)" }
        #expect(last == ["\(kept) MAIL", "\(kept) RCPT", "\(kept) DATA"])
        #expect(server.receivedCount() == 3)
    }
}
