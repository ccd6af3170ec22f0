import Foundation
import KadoCurl
import KadoTestSupport
import Testing

@Suite(
    "SMTPClient",
    .tags(.fakes),
    .enabled(if: FakeServer.aiosmtpdAvailable, "python3 with aiosmtpd is needed (pip install aiosmtpd)"))
struct SMTPClientTests {
    /// CRLF line ends, a line starting with a dot (dot-stuffing), 8-bit UTF-8 text.
    static let message = Array(
        """
        From: Toko Kado <promo@kado.example>\r
        To: Budi <budi@example.com>\r
        Subject: Selamat ulang tahun!\r
        MIME-Version: 1.0\r
        Content-Type: text/plain; charset=utf-8\r
        Content-Transfer-Encoding: 8bit\r
        \r
        Halo Budi, ini kode promo kamu: KADO-123.\r
        .this line starts with a dot\r
        ..and this one with two\r
        Terima kasih — sampai jumpa.\r

        """.utf8)

    static func mail(
        to recipients: [String], url: String, username: String? = nil, password: String? = nil,
        tls: SMTPRequest.TLS = .none
    ) -> SMTPRequest {
        SMTPRequest(
            url: url, from: "promo@kado.example", recipients: recipients, message: message,
            username: username, password: password, tls: tls, timeout: .seconds(10),
            insecureSkipVerify: true)
    }

    @Test func messageArrivesByteIdenticalWithTheEnvelope() async throws {
        let server = try await FakeServer.smtpServer()
        defer { server.stop() }
        let client = try SMTPClient()
        let response = try await client.send(
            Self.mail(to: ["budi@example.com", "cc@example.com"], url: server.smtpURL + "/kado.test"))
        await client.shutdown()

        #expect(response.code == 250)
        #expect(response.queueID == "KADO1")
        #expect(response.lastReply == "250 2.0.0 Ok: queued as KADO1")
        #expect(try server.receivedMessage(1) == Self.message)
        let envelope = try server.receivedEnvelope(1)
        #expect(envelope.mail_from == "promo@kado.example")
        #expect(envelope.rcpt_tos == ["budi@example.com", "cc@example.com"])
    }

    @Test func severalMessagesThroughOneClient() async throws {
        let server = try await FakeServer.smtpServer()
        defer { server.stop() }
        let client = try SMTPClient(configuration: .init(maxConnections: 4))
        let url = server.smtpURL
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<10 {
                group.addTask {
                    _ = try await client.send(Self.mail(to: ["user\(index)@example.com"], url: url))
                }
            }
            try await group.waitForAll()
        }
        await client.shutdown()
        #expect(server.receivedCount() == 10)
    }

    @Test(
        arguments: [
            (["--reject-rcpt", "nobody@example.com"], "nobody@example.com", 550, false),
            (["--tempfail-rcpt", "later@example.com"], "later@example.com", 451, true),
        ])
    func refusedRecipientIsPermanentOrTransientByItsCode(
        options: [String], recipient: String, code: Int, transient: Bool
    ) async throws {
        let server = try await FakeServer.smtpServer(options)
        defer { server.stop() }
        let client = try SMTPClient()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.send(Self.mail(to: [recipient], url: server.smtpURL))
        }
        await client.shutdown()

        #expect(error?.responseCode == code)
        #expect(error?.isTransient == transient)
        #expect(server.receivedCount() == 0)
    }

    @Test func authWithTheRightPasswordDelivers() async throws {
        let server = try await FakeServer.smtpServer(["--auth", "kado:s3cret"])
        defer { server.stop() }
        let client = try SMTPClient()
        let response = try await client.send(
            Self.mail(to: ["budi@example.com"], url: server.smtpURL, username: "kado", password: "s3cret"))
        await client.shutdown()

        #expect(response.code == 250)
        #expect(try server.receivedEnvelope(1).auth_user == "kado")
    }

    @Test func authWithAWrongPasswordIsAPermanentLoginError() async throws {
        let server = try await FakeServer.smtpServer(["--auth", "kado:s3cret"])
        defer { server.stop() }
        let client = try SMTPClient()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.send(
                Self.mail(to: ["budi@example.com"], url: server.smtpURL, username: "kado", password: "wrong"))
        }
        await client.shutdown()

        #expect(error?.code == .loginDenied)
        #expect(error?.responseCode == 535)
        #expect(error?.isTransient == false)
        #expect(error?.description.contains("wrong") == false)
    }

    @Test func requiredStartTLSFailsWhenTheServerDoesNotOfferIt() async throws {
        let server = try await FakeServer.smtpServer()
        defer { server.stop() }
        let client = try SMTPClient()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.send(
                Self.mail(to: ["budi@example.com"], url: server.smtpURL, tls: .startTLSRequired))
        }
        await client.shutdown()

        #expect(error?.code == .useSSLFailed)
        #expect(error?.isTransient == false)
        #expect(server.receivedCount() == 0)
    }

    @Test(
        .tags(.fakes),
        .enabled(if: FakeServer.opensslAvailable, "openssl is needed to make a test certificate"))
    func startTLSDelivers() async throws {
        let server = try await FakeServer.tlsSMTPServer()
        defer { server.stop() }
        let client = try SMTPClient()
        let response = try await client.send(
            Self.mail(to: ["budi@example.com"], url: server.smtpURL, tls: .startTLSRequired))
        await client.shutdown()

        #expect(response.code == 250)
        #expect(try server.receivedMessage(1) == Self.message)
    }

    @Test(
        .tags(.fakes),
        .enabled(if: FakeServer.opensslAvailable, "openssl is needed to make a test certificate"))
    func startTLSIfOfferedUpgradesWhereOfferedAndStaysClearWhereNot() async throws {
        // This server refuses MAIL FROM before STARTTLS: delivered means upgraded.
        let secure = try await FakeServer.tlsSMTPServer(["--require-starttls"])
        defer { secure.stop() }
        let plain = try await FakeServer.smtpServer()
        defer { plain.stop() }
        let client = try SMTPClient()
        for server in [secure, plain, secure, plain] {
            let response = try await client.send(
                Self.mail(to: ["budi@example.com"], url: server.smtpURL, tls: .startTLSIfOffered))
            #expect(response.code == 250)
        }
        await client.shutdown()

        #expect(secure.receivedCount() == 2)
        #expect(plain.receivedCount() == 2)
        #expect(try secure.receivedMessage(2) == Self.message)
    }

    @Test(
        .tags(.fakes),
        .enabled(if: FakeServer.opensslAvailable, "openssl is needed to make a test certificate"))
    func requiredSTARTTLSIsRefusedByAServerThatWantsItWhenSkipped() async throws {
        // The check above means something only if the server does refuse clear text.
        let secure = try await FakeServer.tlsSMTPServer(["--require-starttls"])
        defer { secure.stop() }
        let client = try SMTPClient()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.send(Self.mail(to: ["budi@example.com"], url: secure.smtpURL, tls: .none))
        }
        await client.shutdown()

        #expect(error?.responseCode == 530)
        #expect(error?.phase == .mailFrom)
    }

    @Test(
        .tags(.fakes),
        .enabled(if: FakeServer.opensslAvailable, "openssl is needed to make a test certificate"))
    func implicitTLSDelivers() async throws {
        let server = try await FakeServer.tlsSMTPServer(["--implicit-tls"])
        defer { server.stop() }
        let client = try SMTPClient()
        let response = try await client.send(
            Self.mail(to: ["budi@example.com"], url: server.smtpURL, tls: .implicit))
        await client.shutdown()

        #expect(response.code == 250)
        #expect(try server.receivedMessage(1) == Self.message)
    }

    @Test(
        .tags(.fakes),
        .enabled(if: FakeServer.opensslAvailable, "openssl is needed to make a test certificate"))
    func untrustedCertificateIsRejectedWithoutTheTestFlag() async throws {
        let server = try await FakeServer.tlsSMTPServer()
        defer { server.stop() }
        let client = try SMTPClient()
        var mail = Self.mail(to: ["budi@example.com"], url: server.smtpURL, tls: .startTLSRequired)
        mail.insecureSkipVerify = false
        let error = await #expect(throws: CurlError.self) { _ = try await client.send(mail) }
        await client.shutdown()

        #expect(error?.code == .peerFailedVerification)
        #expect(error?.isTransient == false)
    }
}
