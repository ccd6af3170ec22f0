import Foundation
import KadoCurl
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Channel SMTP provider",
    .tags(.fakes),
    .enabled(if: FakeServer.aiosmtpdAvailable, "python3 with aiosmtpd is needed (pip install aiosmtpd)"))
struct ChannelSMTPTests {
    private func send(_ message: OutgoingMessage, with provider: SMTPProvider) async throws -> DeliveryResult
    {
        let transport = try DeliveryTransport(curl: CurlClient())
        let result = await provider.send(message, via: transport)
        await transport.curl.shutdown()
        return result
    }

    @Test func deliversTheExactMIMEBytesWithTheEnvelope() async throws {
        let server = try await FakeServer.smtpServer()
        defer { server.stop() }
        let message = ChannelTestData.emailMessage()
        let result = try await send(
            message, with: SMTPProvider(url: server.smtpURL + "/kado.test", tls: .none))

        let expectedID = MIMEMessage.messageID(
            tenantID: "acme", outboxID: 42, channel: "email", recipient: "misaki@example.com",
            senderDomain: "kado.example")
        #expect(result == .sent(providerMessageID: expectedID))
        let envelope = try server.receivedEnvelope(1)
        #expect(envelope.mail_from == "promo@kado.example")
        #expect(envelope.rcpt_tos == ["misaki@example.com"])

        let received = try server.receivedMessage(1)
        let mail = try ParsedMail.parse(received)
        #expect(mail.subject == "🎉 Selamat ulang tahun, 美咲!")
        #expect(mail.to == [["美咲 Tanaka", "misaki@example.com"]])
        #expect(mail.message_id == expectedID)
        #expect(mail.parts.map(\.content_type) == ["text/plain", "text/html"])
        let epoch = try #require(mail.date_epoch)
        let rebuilt = try MIMEMessage.build(
            ChannelTestData.email, to: "misaki@example.com", recipientName: "美咲 Tanaka",
            date: Date(timeIntervalSince1970: TimeInterval(epoch)), messageID: expectedID)
        #expect(received == rebuilt)
    }

    @Test func autoTLSFallsBackToClearTextWhenSTARTTLSIsNotOffered() async throws {
        let server = try await FakeServer.smtpServer()
        defer { server.stop() }
        let result = try await send(ChannelTestData.emailMessage(), with: SMTPProvider(url: server.smtpURL))
        #expect(ChannelTestData.isSent(result), "\(result)")
        #expect(server.receivedCount() == 1)
    }

    @Test func requiredSTARTTLSFailsWhenNotOffered() async throws {
        let server = try await FakeServer.smtpServer()
        defer { server.stop() }
        let result = try await send(
            ChannelTestData.emailMessage(), with: SMTPProvider(url: server.smtpURL, tls: .starttls))
        guard case .failed(let reasonFailure) = result else {
            Issue.record("expected failed, got \(result)")
            return
        }
        let reason = reasonFailure.reason
        #expect(reason.contains("STARTTLS"))
        #expect(server.receivedCount() == 0)
    }

    @Test func rejectedRecipientFailsWith550() async throws {
        let server = try await FakeServer.smtpServer(["--reject-rcpt", "nobody@example.com"])
        defer { server.stop() }
        let result = try await send(
            ChannelTestData.emailMessage(to: "nobody@example.com"),
            with: SMTPProvider(url: server.smtpURL, tls: .none))
        guard case .failed(let reasonFailure) = result else {
            Issue.record("expected failed, got \(result)")
            return
        }
        let reason = reasonFailure.reason
        #expect(reason.contains("550"))
    }

    @Test func temporaryFailureIsRetriedWith451() async throws {
        let server = try await FakeServer.smtpServer(["--tempfail-rcpt", "later@example.com"])
        defer { server.stop() }
        let result = try await send(
            ChannelTestData.emailMessage(to: "later@example.com"),
            with: SMTPProvider(url: server.smtpURL, tls: .none))
        guard case .retry(let reasonFailure) = result else {
            Issue.record("expected retry, got \(result)")
            return
        }
        #expect(reasonFailure.retryAfter == nil)
        let reason = reasonFailure.reason
        #expect(reason.contains("451"))
    }

    @Test func serverDownIsRetried() async throws {
        let port = try #require(ClosedPort.make())
        let result = try await send(
            ChannelTestData.emailMessage(), with: SMTPProvider(url: "smtp://127.0.0.1:\(port)", tls: .none))
        guard case .retry(let reasonFailure) = result else {
            Issue.record("expected retry, got \(result)")
            return
        }
        #expect(reasonFailure.retryAfter == nil)
        let reason = reasonFailure.reason
        #expect(reason.contains("CURLE_COULDNT_CONNECT"))
    }

    @Test func badRecipientFailsBeforeAnyConnection() async throws {
        // A closed port: a connection attempt would give a retry, not a failure.
        let port = try #require(ClosedPort.make())
        let provider = SMTPProvider(url: "smtp://127.0.0.1:\(port)", tls: .none)
        for recipient in ["budi@example.com\r\nRCPT TO:<evil@example.com>", "not an address", "a@b@c"] {
            let result = try await send(ChannelTestData.emailMessage(to: recipient), with: provider)
            guard case .failed(let reasonFailure) = result else {
                Issue.record("expected failed for \(recipient), got \(result)")
                continue
            }
            let reason = reasonFailure.reason
            #expect(reason.contains("invalid email address"))
        }
    }

    @Test func credentialsFromTheURLOrSettings() async throws {
        let server = try await FakeServer.smtpServer(["--auth", "kado:s3cret"])
        defer { server.stop() }
        let inURL = try await send(
            ChannelTestData.emailMessage(),
            with: SMTPProvider(url: "smtp://kado:s3cret@127.0.0.1:\(server.port)", tls: .none))
        #expect(ChannelTestData.isSent(inURL), "\(inURL)")
        #expect(try server.receivedEnvelope(1).auth_user == "kado")

        let wrong = try await send(
            ChannelTestData.emailMessage(),
            with: SMTPProvider(url: server.smtpURL, username: "kado", password: "wrong", tls: .none))
        // Rejected credentials pause the channel: the message waits for a fixed secret.
        guard case .retry(let reasonFailure) = wrong, reasonFailure.kind == .credentials else {
            Issue.record("expected a credentials failure, got \(wrong)")
            return
        }
        let reason = reasonFailure.reason
        #expect(reason.contains("535"))
        #expect(!reason.contains("wrong"))
    }
}
