import Crypto
import Foundation
import KadoCurl
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Channel webhook provider",
    .tags(.fakes), .enabled(if: FakeServer.pythonAvailable, "python3 is needed for the HTTP stub"))
struct ChannelWebhookTests {
    static let secret = "whsec-🔑-kado"
    static let rules = """
        [{"match": {"path_regex": "^/broken"}, "status": 500, "body": "boom"},
         {"match": {"path_regex": "^/gone"}, "status": 410, "body": {"error": "endpoint removed"}},
         {"match": {"path_regex": "^/busy"}, "status": 429, "headers": {"Retry-After": "5"}, "body": ""},
         {"match": {"path_regex": "^/hook"}, "status": 202, "body": {"id": "evt_123", "ok": true}}]
        """

    private func send(_ message: OutgoingMessage, path: String, stub: FakeServer) async throws
        -> DeliveryResult
    {
        let provider = WebhookProvider(url: stub.httpURL(path), secret: Self.secret)
        let transport = try DeliveryTransport(curl: CurlClient())
        let result = await provider.send(message, via: transport)
        await transport.curl.shutdown()
        return result
    }

    @Test func postsASignedEmailEvent() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let before = Int(Date().timeIntervalSince1970)
        let result = try await send(ChannelTestData.emailMessage(), path: "/hook", stub: stub)
        #expect(result == .sent(providerMessageID: "evt_123"))

        let request = try #require(try stub.recordedRequests().first)
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("X-Kado-Event-Id") == "acme-42")
        let timestamp = try #require(request.header("X-Kado-Timestamp").flatMap { Int($0) })
        #expect(abs(timestamp - before) <= 5)
        let signed = Array("\(timestamp).".utf8) + request.bodyBytes
        // What a receiver does: its own HMAC-SHA256 over the raw body it got.
        let mac = HMAC<SHA256>.authenticationCode(
            for: signed, using: SymmetricKey(data: Array(Self.secret.utf8)))
        #expect(
            request.header("X-Kado-Signature") == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())

        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(request.bodyBytes)) as? [String: Any])
        #expect(json["id"] as? Int == 42)
        #expect(json["tenant"] as? String == "acme")
        #expect(json["channel"] as? String == "email")
        #expect(json["kind"] as? String == "email")
        #expect(json["recipient"] as? String == "misaki@example.com")
        #expect(json["recipient_name"] as? String == "美咲 Tanaka")
        #expect(json["locale"] as? String == "id")
        let email = try #require(json["email"] as? [String: String])
        #expect(email["from"] == ChannelTestData.email.from)
        #expect(email["subject"] == ChannelTestData.email.subject)
        #expect(email["html"] == ChannelTestData.email.html)
        #expect(email["text"] == ChannelTestData.email.text)
        #expect(json["whatsapp"] == nil)
        #expect(request.body.hasPrefix(#"{"id":42,"tenant":"acme","channel":"email","kind":"email","#))
    }

    @Test func postsAWhatsAppEvent() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        var message = ChannelTestData.whatsappMessage()
        message.recipientName = nil
        let result = try await send(message, path: "/hook", stub: stub)
        #expect(result == .sent(providerMessageID: "evt_123"))

        let request = try #require(try stub.recordedRequests().first)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(request.bodyBytes)) as? [String: Any])
        #expect(json["kind"] as? String == "whatsapp")
        #expect(json["recipient_name"] is NSNull)
        let whatsapp = try #require(json["whatsapp"] as? [String: Any])
        #expect(whatsapp["template"] as? String == "birthday_promo")
        #expect(whatsapp["language"] as? String == "id")
        #expect(whatsapp["parameters"] as? [String] == ChannelTestData.whatsapp.parameters)
        #expect(whatsapp["text"] as? String == ChannelTestData.whatsapp.text)
        let timestamp = try #require(request.header("X-Kado-Timestamp").flatMap { Int($0) })
        #expect(
            request.header("X-Kado-Signature")
                == WebhookProvider.signature(
                    secret: Self.secret, timestamp: timestamp, body: request.bodyBytes))
    }

    @Test func failuresAreClassified() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let broken = try await send(ChannelTestData.emailMessage(), path: "/broken", stub: stub)
        let gone = try await send(ChannelTestData.emailMessage(), path: "/gone", stub: stub)
        let busy = try await send(ChannelTestData.emailMessage(), path: "/busy", stub: stub)
        guard case .retry(let brokenReasonFailure) = broken else {
            Issue.record("500: expected retry, got \(broken)")
            return
        }
        #expect(brokenReasonFailure.retryAfter == nil)
        let brokenReason = brokenReasonFailure.reason
        #expect(brokenReason.contains("500"))
        guard case .failed(let goneReasonFailure) = gone else {
            Issue.record("410: expected failed, got \(gone)")
            return
        }
        let goneReason = goneReasonFailure.reason
        #expect(goneReason.contains("410") && goneReason.contains("endpoint removed"))
        guard case .retry(let afterFailure) = busy else {
            Issue.record("429: expected retry, got \(busy)")
            return
        }
        let after = afterFailure.retryAfter
        #expect(after == .seconds(5))
    }

    @Test func unreachableReceiverIsRetried() async throws {
        let port = try #require(ClosedPort.make())
        let provider = WebhookProvider(url: "http://127.0.0.1:\(port)/hook", secret: Self.secret)
        let transport = try DeliveryTransport(curl: CurlClient())
        let result = await provider.send(ChannelTestData.emailMessage(), via: transport)
        await transport.curl.shutdown()
        guard case .retry(let reasonFailure) = result else {
            Issue.record("expected retry, got \(result)")
            return
        }
        #expect(reasonFailure.retryAfter == nil)
        let reason = reasonFailure.reason
        #expect(reason.contains("CURLE_COULDNT_CONNECT"))
    }

    @Test func retryAfterAsHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_795_626_060)
        let response = HTTPResponse(
            status: 503, headers: HTTPHeaders([("Retry-After", "Wed, 25 Nov 2026 17:02:00 GMT")]))
        #expect(DeliveryResult.retryAfter(response, now: now) == .seconds(60))
        let past = HTTPResponse(
            status: 503, headers: HTTPHeaders([("Retry-After", "Wed, 25 Nov 2026 17:00:00 GMT")]))
        #expect(DeliveryResult.retryAfter(past, now: now) == .seconds(0))
        #expect(
            DeliveryResult.retryAfter(
                HTTPResponse(status: 503, headers: HTTPHeaders([("Retry-After", "soon")]))) == nil)
    }
}

@Suite("Hex digests over swift-crypto")
struct HexDigestTests {
    @Test("SHA-256 and HMAC-SHA256 match the published vectors (FIPS 180-2, RFC 4231 case 2)")
    func vectors() {
        #expect(Hex.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Hex.hmacSHA256(Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
