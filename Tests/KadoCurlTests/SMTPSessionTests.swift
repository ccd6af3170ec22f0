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
    static func mail(to recipient: String, url: String) -> SMTPRequest {
        SMTPRequest(
            url: url, from: "promo@kado.example", recipients: [recipient], message: SMTPClientTests.message,
            tls: .none, timeout: .seconds(10))
    }

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
}
