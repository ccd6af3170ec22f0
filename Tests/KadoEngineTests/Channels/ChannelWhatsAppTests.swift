import Foundation
import KadoCurl
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Channel WhatsApp Cloud provider",
    .tags(.fakes), .enabled(if: FakeServer.pythonAvailable, "python3 is needed for the HTTP stub"))
struct ChannelWhatsAppTests {
    /// Answers by recipient number, the way the Graph API would.
    static let rules = """
        [{"match": {"body_contains": "\\"to\\":\\"62811000429\\""}, "status": 429, "headers": {"Retry-After": "7"},
          "body": {"error": {"message": "(#130429) Rate limit hit", "type": "OAuthException", "code": 130429}}},
         {"match": {"body_contains": "\\"to\\":\\"62811000500\\""}, "status": 500, "body": "upstream trouble"},
         {"match": {"body_contains": "\\"to\\":\\"62811026026\\""}, "status": 400,
          "body": {"error": {"message": "(#131026) Message Undeliverable.", "type": "OAuthException", "code": 131026,
                             "error_data": {"messaging_product": "whatsapp", "details": "Message Undeliverable."},
                             "error_subcode": 2494010, "fbtrace_id": "Az8or2yhqkZfEZ-_4Qn_Bam"}}},
         {"match": {"body_contains": "\\"to\\":\\"62811130429\\""}, "status": 400,
          "body": {"error": {"message": "(#130429) Rate limit hit", "type": "OAuthException", "code": 130429}}},
         {"match": {"body_contains": "\\"to\\":\\"62811000190\\""}, "status": 401,
          "body": {"error": {"message": "Error validating access token: Session has expired", "type": "OAuthException",
                             "code": 190, "error_subcode": 463}}},
         {"match": {"method": "POST", "path_regex": "^/v21.0/PHONEID/messages$",
                    "header": {"Authorization": "Bearer tok-123"}}, "status": 200,
          "body": {"messaging_product": "whatsapp", "contacts": [{"input": "6281234567890", "wa_id": "6281234567890"}],
                   "messages": [{"id": "wamid.HBgLNjI4MTIzNDU2Nzg5MBUCABEYEjQ2"}]}}]
        """

    private func send(_ messages: [OutgoingMessage], to stub: FakeServer) async throws -> [DeliveryResult] {
        let provider = WhatsAppCloudProvider(
            token: "tok-123", phoneNumberID: "PHONEID", baseURL: stub.httpURL("/v21.0"))
        let transport = try DeliveryTransport(curl: CurlClient())
        var results: [DeliveryResult] = []
        for message in messages {
            results.append(await provider.send(message, via: transport))
        }
        await transport.curl.shutdown()
        return results
    }

    @Test func postsTheTemplateMessageAndReturnsTheWamid() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let results = try await send([ChannelTestData.whatsappMessage()], to: stub)

        #expect(results == [.sent(providerMessageID: "wamid.HBgLNjI4MTIzNDU2Nzg5MBUCABEYEjQ2")])
        let request = try #require(try stub.recordedRequests().first)
        #expect(request.method == "POST")
        #expect(request.path == "/v21.0/PHONEID/messages")
        #expect(request.header("Authorization") == "Bearer tok-123")
        #expect(request.header("Content-Type") == "application/json")
        let expected = """
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"6281234567890","type":"template",\
            "template":{"name":"birthday_promo","language":{"code":"id"},"components":[{"type":"body","parameters":\
            [{"type":"text","text":"Budi \\"B\\" Santoso"},{"type":"text","text":"KADO-123\\n🎁"}]}]}}
            """
        #expect(request.body == expected)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(request.bodyBytes)) as? [String: Any])
        let template = try #require(json["template"] as? [String: Any])
        let components = try #require(template["components"] as? [[String: Any]])
        let parameters = try #require(components.first?["parameters"] as? [[String: String]])
        #expect(parameters.map { $0["text"] } == ["Budi \"B\" Santoso", "KADO-123\n🎁"])
    }

    @Test func componentsAreLeftOutWithoutParameters() {
        let message = RenderedWhatsApp(
            templateName: "hello_world", language: "en_US", parameters: [], text: "Hello")
        let body = String(
            decoding: WhatsAppCloudProvider.requestBody(toDigits: "6281234567890", message), as: UTF8.self)
        #expect(
            body == """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"6281234567890","type":"template",\
                "template":{"name":"hello_world","language":{"code":"en_US"}}}
                """)
    }

    @Test(
        "the request body written on bytes is the JSON tree of its shape, rendered compact",
        arguments: [
            ("birthday_promo", "id", ["Budi", "KADO-123"]),
            ("hello_world", "en_US", []),
            ("quote\"back\\slash", "pt_BR", ["tab\there", "line\nfeed\r", "nul\u{0}bell\u{7}", ""]),
            ("promo", "zh_CN", ["田中 Zoë 🎁", "sep\u{2028}para\u{2029}", "\u{7F}\u{80}\u{9F}", "{}[],:"]),
        ])
    func requestBodyIsItsJSONTree(name: String, language: String, parameters: [String]) {
        let message = RenderedWhatsApp(
            templateName: name, language: language, parameters: parameters, text: "")
        var template: [(String, JSONValue)] = [
            ("name", .string(name)), ("language", .object([("code", .string(language))])),
        ]
        if !parameters.isEmpty {
            let items = parameters.map {
                JSONValue.object([("type", .string("text")), ("text", .string($0))])
            }
            template.append(
                ("components", .array([.object([("type", .string("body")), ("parameters", .array(items))])])))
        }
        let tree = JSONValue.object([
            ("messaging_product", .string("whatsapp")), ("recipient_type", .string("individual")),
            ("to", .string("6281234567890")), ("type", .string("template")), ("template", .object(template)),
        ])
        let body = WhatsAppCloudProvider.requestBody(toDigits: "6281234567890", message)
        #expect(String(decoding: body, as: UTF8.self) == tree.rendered(indent: 0))
        #expect((try? JSONSerialization.jsonObject(with: Data(body))) != nil)
    }

    @Test func errorsAreClassified() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let numbers = ["+62811000429", "+62811000500", "+62811026026", "+62811130429", "+62811000190"]
        let results = try await send(numbers.map { ChannelTestData.whatsappMessage(to: $0) }, to: stub)
        try #require(results.count == 5)

        guard case .retry(let limitedFailure) = results[0] else {
            Issue.record("429: expected retry, got \(results[0])")
            return
        }
        let after = limitedFailure.retryAfter
        let limited = limitedFailure.reason
        #expect(after == .seconds(7))
        #expect(limited.contains("130429"))
        #expect(limitedFailure.kind == .rateLimited && limitedFailure.code == "graph 130429")
        guard case .retry(let serverErrorFailure) = results[1] else {
            Issue.record("500: expected retry, got \(results[1])")
            return
        }
        #expect(serverErrorFailure.retryAfter == nil)
        let serverError = serverErrorFailure.reason
        #expect(serverError.contains("500"))
        guard case .failed(let undeliverableFailure) = results[2] else {
            Issue.record("131026: expected failed, got \(results[2])")
            return
        }
        let undeliverable = undeliverableFailure.reason
        #expect(undeliverable.contains("131026"))
        #expect(undeliverable.contains("Message Undeliverable"))
        #expect(undeliverable.contains("2494010"))
        // Not on WhatsApp: permanent for this recipient (another channel could reach them).
        #expect(
            undeliverableFailure.kind == .recipientUnreachable && undeliverableFailure.code == "graph 131026")
        guard case .retry(let throttledFailure) = results[3] else {
            Issue.record("130429 in a 400: expected retry, got \(results[3])")
            return
        }
        #expect(throttledFailure.retryAfter == nil)
        let throttled = throttledFailure.reason
        #expect(throttled.contains("130429"))
        // An expired token pauses the channel: every message waits for the fixed secret.
        guard case .retry(let expiredFailure) = results[4], expiredFailure.kind == .credentials else {
            Issue.record("190: expected a credentials failure, got \(results[4])")
            return
        }
        let expired = expiredFailure.reason
        #expect(expired.contains("190"))
        #expect(!expired.contains("tok-123"))
    }

    @Test func invalidNumbersFailWithoutARequest() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let bad = ["budi@example.com", "+62", "+62 812 3456 7890 1234 5", "62811\r\n000"]
        let results = try await send(bad.map { ChannelTestData.whatsappMessage(to: $0) }, to: stub)
        for result in results {
            guard case .failed(let reasonFailure) = result else {
                Issue.record("expected failed, got \(result)")
                continue
            }
            let reason = reasonFailure.reason
            #expect(reason.contains("invalid WhatsApp recipient"))
        }
        #expect(try stub.recordedRequests().isEmpty)
    }

    @Test func unreachableAPIIsRetried() async throws {
        let port = try #require(ClosedPort.make())
        let provider = WhatsAppCloudProvider(
            token: "t", phoneNumberID: "1", baseURL: "http://127.0.0.1:\(port)/v21.0")
        let transport = try DeliveryTransport(curl: CurlClient())
        let result = await provider.send(ChannelTestData.whatsappMessage(), via: transport)
        await transport.curl.shutdown()
        guard case .retry(let retryFailure) = result else {
            Issue.record("expected retry, got \(result)")
            return
        }
        #expect(retryFailure.retryAfter == nil)
    }

    @Test func phoneDigits() {
        #expect(WhatsAppCloudProvider.phoneDigits("+62 812-3456-7890") == "6281234567890")
        #expect(WhatsAppCloudProvider.phoneDigits("(021) 555.1234") == "0215551234")
        #expect(WhatsAppCloudProvider.phoneDigits("6281234567890") == "6281234567890")
        #expect(WhatsAppCloudProvider.phoneDigits("+62+812345678") == nil)
        #expect(WhatsAppCloudProvider.phoneDigits("12345") == nil)
        #expect(WhatsAppCloudProvider.phoneDigits("١٢٣٤٥٦٧") == nil)
        // E.164 as the outbox holds it, and its limits: 6 to 15 digits.
        #expect(WhatsAppCloudProvider.phoneDigits("+6281234567890") == "6281234567890")
        #expect(WhatsAppCloudProvider.phoneDigits(" +6281234567890\t") == "6281234567890")
        #expect(WhatsAppCloudProvider.phoneDigits("+123456") == "123456")
        #expect(WhatsAppCloudProvider.phoneDigits("+12345") == nil)
        #expect(WhatsAppCloudProvider.phoneDigits("+123456789012345") == "123456789012345")
        #expect(WhatsAppCloudProvider.phoneDigits("+1234567890123456") == nil)
        #expect(WhatsAppCloudProvider.phoneDigits("+") == nil)
        #expect(WhatsAppCloudProvider.phoneDigits("") == nil)
    }
}
