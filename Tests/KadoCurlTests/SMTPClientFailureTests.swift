import Foundation
import KadoCurl
import KadoTestSupport
import Testing

/// What a failed delivery reports, against `scripts/fakes/smtp_server.py` told to
/// refuse or to fall silent at one step. The timeouts are short (1 s): the tests check
/// the classification, and that every call (shutdown included) returns, which the
/// time limit enforces; they assert no durations. A test of a refusal waits up to 10 s
/// for it, so that a server slowed by a busy machine is not taken for a silent one.
@Suite(
    "SMTPClient failures", .timeLimit(.minutes(1)),
    .tags(.fakes),
    .enabled(if: FakeServer.aiosmtpdAvailable, "python3 with aiosmtpd is needed (pip install aiosmtpd)"))
struct SMTPClientFailureTests {
    static func mail(
        to recipient: String = "budi@example.com", url: String, username: String? = nil,
        password: String? = nil, tls: SMTPRequest.TLS = .none, timeout: Duration = .seconds(1)
    ) -> SMTPRequest {
        SMTPRequest(
            url: url, from: "promo@kado.example", recipients: [recipient],
            message: SMTPClientTests.message, username: username, password: password, tls: tls,
            timeout: timeout, insecureSkipVerify: true)
    }

    /// Sends `mail` through a fresh client, shuts it down and returns the error the
    /// delivery failed with.
    static func failure(of mail: SMTPRequest) async throws -> CurlError {
        let client = try SMTPClient()
        let error = await sendError(mail, through: client)
        await client.shutdown()
        return try #require(error as? CurlError, "expected a CurlError, got \(String(describing: error))")
    }

    /// The error `send` throws, or nil if the message was accepted.
    static func sendError(_ mail: SMTPRequest, through client: SMTPClient) async -> (any Error)? {
        do {
            _ = try await client.send(mail)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Timeouts

    @Test(
        arguments: [
            (["--silent-greeting"], CurlError.Phase.greeting, "waiting for the greeting from"),
            (["--silent-command", "EHLO"], .ehlo, "waiting for the reply to EHLO from"),
            (["--silent-command", "MAIL"], .mailFrom, "waiting for the reply to MAIL FROM from"),
            (["--silent-command", "RCPT"], .rcptTo, "waiting for the reply to RCPT TO from"),
            (["--silent-command", "DATA"], .data, "waiting for the reply to DATA from"),
            (["--silent-after-data"], .data, "waiting for the reply to DATA from"),
        ])
    func timeoutNamesTheStepItWaitedFor(options: [String], phase: CurlError.Phase, words: String)
        async throws
    {
        let server = try await FakeServer.smtpServer(options)
        defer { server.stop() }
        let error = try await Self.failure(of: Self.mail(url: server.smtpURL))

        #expect(error.isTimeout)
        #expect(error.phase == phase)
        #expect(error.responseCode == nil)
        #expect(error.serverReply == nil)
        #expect(error.isTransient)
        #expect(error.explanation.hasPrefix("timeout after "))
        #expect(error.explanation.hasSuffix("\(words) \(server.smtpURL)"))
        #expect(error.description.contains("CURLE_OPERATION_TIMEDOUT"))
        // No earlier reply (EHLO's 250) shows up in the error; the URL's port may hold "250".
        #expect(!error.description.replacingOccurrences(of: server.smtpURL, with: "").contains("250"))
        #expect(server.receivedCount() == 0)
    }

    @Test func authTimeoutIsTheAuthPhase() async throws {
        let server = try await FakeServer.smtpServer(["--auth", "kado:s3cret", "--silent-command", "AUTH"])
        defer { server.stop() }
        let error = try await Self.failure(
            of: Self.mail(url: server.smtpURL, username: "kado", password: "s3cret"))

        #expect(error.isTimeout)
        #expect(error.phase == .auth)
        #expect(error.explanation.hasSuffix("waiting for the reply to AUTH from \(server.smtpURL)"))
        #expect(!error.description.contains("s3cret"))
    }

    @Test(
        .tags(.fakes),
        .enabled(if: FakeServer.opensslAvailable, "openssl is needed to make a test certificate"))
    func startTLSTimeoutIsTheStartTLSPhase() async throws {
        let server = try await FakeServer.tlsSMTPServer(["--silent-command", "STARTTLS"])
        defer { server.stop() }
        let error = try await Self.failure(of: Self.mail(url: server.smtpURL, tls: .startTLSRequired))

        #expect(error.isTimeout)
        #expect(error.phase == .startTLS)
        #expect(error.explanation.hasSuffix("during STARTTLS with \(server.smtpURL)"))
    }

    @Test func implicitTLSHandshakeThatNeverCompletesIsTheConnectPhase() async throws {
        // The fake never speaks: the TCP connection opens, the TLS handshake never ends.
        let server = try await FakeServer.smtpServer(["--silent-greeting"])
        defer { server.stop() }
        let url = "smtps://127.0.0.1:\(server.port)"
        let error = try await Self.failure(of: Self.mail(url: url, tls: .implicit))

        #expect(error.isTimeout)
        #expect(error.phase == .connect)
        #expect(error.explanation.hasSuffix("while connecting to \(url)"))
    }

    #if os(Linux)
        @Test func tcpHandshakeThatNeverCompletesIsTheConnectPhase() async throws {
            let listener = try #require(StalledListener.neverConnecting())
            let url = "smtp://127.0.0.1:\(listener.port)"
            let error = try await Self.failure(of: Self.mail(url: url))

            #expect(error.isTimeout)
            #expect(error.phase == .connect)
            #expect(error.explanation.hasSuffix("while connecting to \(url)"))
            withExtendedLifetime(listener) {}
        }
    #endif

    @Test func connectionThatTimedOutAfterTheBodyIsNotReused() async throws {
        // libcurl keeps that connection; reused, the next message would wait for a reply
        // to MAIL FROM that the hung server never sends, and closing it would wait 120 s
        // for the reply to QUIT. The client shuts it down instead.
        let server = try await FakeServer.smtpServer(["--silent-after-data"])
        defer { server.stop() }
        let client = try SMTPClient()
        var phases: [CurlError.Phase?] = []
        for _ in 0..<2 {
            let error = await Self.sendError(Self.mail(url: server.smtpURL), through: client) as? CurlError
            #expect(error?.isTimeout == true)
            phases.append(error?.phase)
        }
        await client.shutdown()

        #expect(phases == [.data, .data])
    }

    @Test func aHungServerHoldsUpNoOtherMessage() async throws {
        // libcurl's own SMTP transfer waited for the reply after a body synchronously,
        // blocking every other transfer of its thread for the hung one's whole limit.
        // The sessions are polled together instead: the other message is delivered
        // while the hung one still waits, and only the hung one times out.
        let hung = try await FakeServer.smtpServer(["--silent-after-data"])
        defer { hung.stop() }
        let other = try await FakeServer.smtpServer()
        defer { other.stop() }
        let client = try SMTPClient()
        var blocking = Self.mail(url: hung.smtpURL)
        blocking.timeout = .seconds(4)
        var quick = Self.mail(url: other.smtpURL)
        quick.timeout = .seconds(2)
        async let blockingError = Self.sendError(blocking, through: client)
        try await hung.waitForHeldMessages()
        let quickError = await Self.sendError(quick, through: client)
        let blocker = await blockingError as? CurlError
        await client.shutdown()

        #expect(quickError == nil)
        #expect(other.receivedCount() == 1)
        #expect(blocker?.isTimeout == true)
        #expect(blocker?.phase == .data)
    }

    // MARK: Refusals keep the server's words

    @Test(
        arguments: [
            (
                "nobody@example.com",
                "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown",
                550, SMTPEnhancedStatusCode(statusClass: 5, subject: 1, detail: 1), false
            ),
            (
                "full@example.com", "452 4.2.2 <full@example.com>: Mailbox full, try again later",
                452, SMTPEnhancedStatusCode(statusClass: 4, subject: 2, detail: 2), true
            ),
        ])
    func refusedRecipientKeepsTheServersText(
        recipient: String, reply: String, code: Int, status: SMTPEnhancedStatusCode, transient: Bool
    ) async throws {
        let server = try await FakeServer.smtpServer(["--rcpt-reply", recipient, reply])
        defer { server.stop() }
        let error = try await Self.failure(
            of: Self.mail(to: recipient, url: server.smtpURL, timeout: .seconds(10)))

        #expect(error.responseCode == code)
        #expect(error.serverReply == reply)
        #expect(error.enhancedStatusCode == status)
        #expect(error.phase == .rcptTo)
        #expect(!error.isTimeout)
        #expect(error.isTransient == transient)
        #expect(error.explanation == "RCPT TO refused by \(server.smtpURL): \(reply)")
        #expect(server.receivedCount() == 0)
    }

    @Test func refusedLoginKeepsTheServersTextAndNotThePassword() async throws {
        let reply = "535 5.7.8 Error: authentication failed: bad credentials"
        let server = try await FakeServer.smtpServer(["--auth-reply", reply])
        defer { server.stop() }
        let error = try await Self.failure(
            of: Self.mail(
                url: server.smtpURL, username: "kado", password: "hunter2-secret", timeout: .seconds(10)))

        #expect(error.code == .loginDenied)
        #expect(error.responseCode == 535)
        #expect(error.serverReply == reply)
        #expect(error.enhancedStatusCode?.description == "5.7.8")
        #expect(error.phase == .auth)
        #expect(!error.isTransient)
        #expect(!error.description.contains("hunter2"))
    }

    @Test func multiLineReplyBecomesOneCleanLine() async throws {
        let reply = "550-5.1.1 The account you tried to reach\r\n550 5.1.1 does not exist.\u{1B}[31m Sorry"
        let server = try await FakeServer.smtpServer(["--rcpt-reply", "gone@example.com", reply])
        defer { server.stop() }
        let error = try await Self.failure(
            of: Self.mail(to: "gone@example.com", url: server.smtpURL, timeout: .seconds(10)))

        #expect(error.responseCode == 550)
        #expect(error.serverReply == "550 5.1.1 The account you tried to reach does not exist. [31m Sorry")
        #expect(error.enhancedStatusCode?.description == "5.1.1")
    }
}
