import Foundation
import KadoCurl
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Channel file provider", .tags(.fakes),
    .enabled(if: FakeServer.pythonAvailable, "python3 is needed to parse messages"))
struct ChannelFileTests {
    private let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("kado-file-provider-\(UUID().uuidString)")

    private func send(_ message: OutgoingMessage, in directory: String) async throws -> DeliveryResult {
        let transport = try DeliveryTransport(curl: CurlClient())
        let result = await FileProvider(directory: directory).send(message, via: transport)
        await transport.curl.shutdown()
        return result
    }

    @Test func writesTheEmailAsTheExactMIMEBytes() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await send(ChannelTestData.emailMessage(), in: directory.path)
        let path = directory.path + "/acme/email/42-misaki@example.com.eml"
        #expect(result == .sent(providerMessageID: path))

        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let mail = try ParsedMail.parse(bytes)
        let messageID = MIMEMessage.messageID(
            tenantID: "acme", outboxID: 42, channel: "email", recipient: "misaki@example.com",
            senderDomain: "kado.example")
        #expect(mail.message_id == messageID)
        let epoch = try #require(mail.date_epoch)
        let expected = try MIMEMessage.build(
            ChannelTestData.email, to: "misaki@example.com", recipientName: "美咲 Tanaka",
            date: Date(timeIntervalSince1970: TimeInterval(epoch)), messageID: messageID)
        #expect(bytes == expected)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/acme/email")
        #expect(names == ["42-misaki@example.com.eml"])
    }

    @Test func writesAnSMSAsItsTextWithItsSegments() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let message = ChannelTwilioTests.message(to: "+31612345678", text: "Hoi Sanne: 15% (max. € 20) 🎁")
        let result = try await send(message, in: directory.path)
        let path = directory.path + "/lunaria/sms/9-+31612345678.txt"
        #expect(result == .sent(providerMessageID: path))
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            written
                == "To: +31612345678\nSegments: 1 segment (29 UCS-2 units)\n\nHoi Sanne: 15% (max. € 20) 🎁")

        let bad = try await send(ChannelTwilioTests.message(to: "0612345678"), in: directory.path)
        guard case .failed(let failure) = bad else {
            Issue.record("expected failed, got \(bad)")
            return
        }
        #expect(failure.reason.contains("E.164"))
    }

    @Test func writesWhatsAppAsTheExactCloudAPIBody() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let message = ChannelTestData.whatsappMessage()
        let result = try await send(message, in: directory.path + "/")
        let path = directory.path + "/acme/wa/7-+62_812-3456-7890.json"
        #expect(result == .sent(providerMessageID: path))
        let written = Array(try Data(contentsOf: URL(fileURLWithPath: path)))

        // What the Cloud API receives for the same message.
        let stub = try await FakeServer.httpStub()
        defer { stub.stop() }
        let provider = WhatsAppCloudProvider(token: "t", phoneNumberID: "1", baseURL: stub.httpURL("/v21.0"))
        let transport = try DeliveryTransport(curl: CurlClient())
        _ = await provider.send(message, via: transport)
        await transport.curl.shutdown()
        let received = try #require(try stub.recordedRequests().first)
        #expect(written == received.bodyBytes)
    }

    @Test func pathsStayInsideTheDirectory() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var message = ChannelTestData.whatsappMessage(to: "+62 812 3456 7890")
        message.tenantID = "../../etc"
        message.channel = ".."
        let result = try await send(message, in: directory.path)
        #expect(
            result == .sent(providerMessageID: directory.path + "/_._.._etc/_./7-+62_812_3456_7890.json"))
    }

    @Test func invalidRecipientsFailAndWriteErrorsRetry() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let badEmail = try await send(ChannelTestData.emailMessage(to: "not-an-address"), in: directory.path)
        guard case .failed = badEmail else {
            Issue.record("expected failed, got \(badEmail)")
            return
        }
        let badPhone = try await send(ChannelTestData.whatsappMessage(to: "call me"), in: directory.path)
        guard case .failed = badPhone else {
            Issue.record("expected failed, got \(badPhone)")
            return
        }
        // A file where the tenant directory should be.
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: directory.appendingPathComponent("acme"))
        let blocked = try await send(ChannelTestData.emailMessage(), in: directory.path)
        guard case .retry(let reasonFailure) = blocked else {
            Issue.record("expected retry, got \(blocked)")
            return
        }
        #expect(reasonFailure.retryAfter == nil)
        let reason = reasonFailure.reason
        #expect(reason.contains("could not write"))
    }
}
