import KadoCurl
import KadoTestSupport
import Testing

@testable import KadoEngine

/// The reasons the SMTP provider records for failed deliveries: what an operator reads
/// in `kado status` and the logs.
@Suite(
    "Channel SMTP failure reasons", .timeLimit(.minutes(1)),
    .tags(.fakes),
    .enabled(if: FakeServer.aiosmtpdAvailable, "python3 with aiosmtpd is needed (pip install aiosmtpd)"))
struct ChannelSMTPReasonTests {
    private func send(to recipient: String = "misaki@example.com", with provider: SMTPProvider) async throws
        -> DeliveryResult
    {
        let transport = try DeliveryTransport(curl: CurlClient())
        let result = await provider.send(ChannelTestData.emailMessage(to: recipient), via: transport)
        await transport.curl.shutdown()
        return result
    }

    @Test func timeoutSaysWhatItWaitedForAndNoReplyCode() async throws {
        let server = try await FakeServer.smtpServer(["--silent-after-data"])
        defer { server.stop() }
        let result = try await send(with: SMTPProvider(url: server.smtpURL, tls: .none, timeoutSeconds: 1))
        guard case .retry(let failure) = result, failure.retryAfter == nil else {
            Issue.record("expected retry, got \(result)")
            return
        }
        let reason = failure.reason
        #expect(failure.code == "timeout data")
        #expect(reason.hasPrefix("SMTP timeout after "), "\(reason)")
        #expect(reason.hasSuffix(" waiting for the reply to DATA from \(server.smtpURL)"), "\(reason)")
        // No earlier reply (250) shows up in the reason; the URL's port may hold "250".
        #expect(!reason.replacingOccurrences(of: server.smtpURL, with: "").contains("250"))
    }

    @Test func refusedRecipientQuotesTheServer() async throws {
        let reply = "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown"
        let server = try await FakeServer.smtpServer(["--rcpt-reply", "nobody@example.com", reply])
        defer { server.stop() }
        let result = try await send(
            to: "nobody@example.com", with: SMTPProvider(url: server.smtpURL, tls: .none))
        #expect(
            result
                == .failed(
                    reason: "SMTP RCPT TO refused by \(server.smtpURL): \(reply)", code: "smtp 550 5.1.1",
                    kind: .recipientUnreachable))
    }

    @Test func fullMailboxIsRetriedWithTheServersWords() async throws {
        let reply = "452 4.2.2 <full@example.com>: Mailbox full"
        let server = try await FakeServer.smtpServer(["--rcpt-reply", "full@example.com", reply])
        defer { server.stop() }
        let result = try await send(
            to: "full@example.com", with: SMTPProvider(url: server.smtpURL, tls: .none))
        #expect(
            result
                == .retry(
                    after: nil, reason: "SMTP RCPT TO refused by \(server.smtpURL): \(reply)",
                    code: "smtp 452 4.2.2"))
    }

    @Test func refusedLoginQuotesTheServerWithAHint() async throws {
        let reply = "535 5.7.8 Error: authentication failed: bad credentials"
        let server = try await FakeServer.smtpServer(["--auth-reply", reply])
        defer { server.stop() }
        let result = try await send(
            with: SMTPProvider(url: server.smtpURL, username: "kado", password: "wrong-pass", tls: .none))
        // Rejected credentials pause the channel instead of killing the message.
        #expect(
            result
                == .unauthorized(
                    reason:
                        "SMTP AUTH refused by \(server.smtpURL): \(reply) (login denied: check username and password)",
                    code: "smtp 535 5.7.8"))
    }
}
