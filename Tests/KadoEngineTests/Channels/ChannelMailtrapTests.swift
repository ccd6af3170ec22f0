import Foundation
import KadoCurl
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Channel Mailtrap provider",
    .tags(.fakes), .enabled(if: FakeServer.pythonAvailable, "python3 is needed for the HTTP stub"))
struct ChannelMailtrapTests {
    static let rules = """
        [{"match": {"body_contains": "unauthorized@example.com"}, "status": 401,
          "body": {"success": false, "errors": ["Unauthorized"]}},
         {"match": {"body_contains": "invalid@example.com"}, "status": 400,
          "body": {"success": false, "errors": ["'to' address is invalid", "subject is missing"]}},
         {"match": {"body_contains": "broken@example.com"}, "status": 500, "body": "Internal Server Error"},
         {"match": {"body_contains": "busy@example.com"}, "status": 429, "headers": {"Retry-After": "3"},
          "body": {"errors": ["Too many requests"]}},
         {"match": {"method": "POST", "path_regex": "^/api/send$", "header": {"Authorization": "Bearer mt-token"}},
          "status": 200, "body": {"success": true, "message_ids": ["0c7fd939-02cf-11ed-88c2-0a58a9feac02"]}}]
        """

    private func send(_ recipients: [String], to stub: FakeServer) async throws -> [DeliveryResult] {
        let provider = MailtrapProvider(token: "mt-token", url: stub.httpURL("/api/send"))
        let transport = try DeliveryTransport(curl: CurlClient())
        var results: [DeliveryResult] = []
        for recipient in recipients {
            results.append(await provider.send(ChannelTestData.emailMessage(to: recipient), via: transport))
        }
        await transport.curl.shutdown()
        return results
    }

    @Test func postsTheEmailAndReturnsTheMessageID() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let results = try await send(["misaki@example.com"], to: stub)

        #expect(results == [.sent(providerMessageID: "0c7fd939-02cf-11ed-88c2-0a58a9feac02")])
        let request = try #require(try stub.recordedRequests().first)
        #expect(request.method == "POST")
        #expect(request.path == "/api/send")
        #expect(request.header("Authorization") == "Bearer mt-token")
        #expect(request.header("Content-Type") == "application/json")
        #expect(
            request.body.hasPrefix(
                #"{"from":{"email":"promo@kado.example","name":"Toko Kado"},"to":[{"email":"misaki@example.com","name":"美咲 Tanaka"}],"subject":"🎉 Selamat ulang tahun, 美咲!","text":"Halo 美咲,\nkode"#
            ))
        #expect(request.body.hasSuffix(#","category":"kado"}"#))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(request.bodyBytes)) as? [String: Any])
        let email = ChannelTestData.email
        #expect(json["text"] as? String == email.text)
        #expect(json["html"] as? String == email.html)
        #expect(json["subject"] as? String == email.subject)
        #expect(
            (json["to"] as? [[String: String]]) == [["email": "misaki@example.com", "name": "美咲 Tanaka"]])
    }

    @Test func errorsAreClassified() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let results = try await send(
            ["unauthorized@example.com", "invalid@example.com", "broken@example.com", "busy@example.com"],
            to: stub)
        try #require(results.count == 4)

        // Rejected credentials pause the channel; the message waits instead of dying.
        guard case .retry(let unauthorizedFailure) = results[0], unauthorizedFailure.kind == .credentials
        else {
            Issue.record("401: expected a credentials failure, got \(results[0])")
            return
        }
        #expect(unauthorizedFailure.code == "http 401")
        let unauthorized = unauthorizedFailure.reason
        #expect(unauthorized.contains("401") && unauthorized.contains("Unauthorized"))
        #expect(!unauthorized.contains("mt-token"))
        guard case .failed(let invalidFailure) = results[1] else {
            Issue.record("400: expected failed, got \(results[1])")
            return
        }
        let invalid = invalidFailure.reason
        #expect(invalid.contains("'to' address is invalid; subject is missing"))
        guard case .retry(let brokenFailure) = results[2] else {
            Issue.record("500: expected retry, got \(results[2])")
            return
        }
        #expect(brokenFailure.retryAfter == nil)
        let broken = brokenFailure.reason
        #expect(broken.contains("500"))
        guard case .retry(let afterFailure) = results[3] else {
            Issue.record("429: expected retry, got \(results[3])")
            return
        }
        let after = afterFailure.retryAfter
        #expect(after == .seconds(3))
        #expect(afterFailure.kind == .rateLimited)
    }

    @Test func invalidAddressFailsWithoutARequest() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let results = try await send(["budi@example.com\r\nBcc: x@y.z"], to: stub)
        guard case .failed(let reasonFailure) = results.first else {
            Issue.record("expected failed, got \(results)")
            return
        }
        let reason = reasonFailure.reason
        #expect(reason.contains("invalid email address"))
        #expect(try stub.recordedRequests().isEmpty)
    }
}
