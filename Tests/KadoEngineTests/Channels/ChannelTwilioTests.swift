import Foundation
import KadoCurl
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Channel Twilio provider (SMS)",
    .tags(.fakes), .enabled(if: FakeServer.pythonAvailable, "python3 is needed for the HTTP stub"))
struct ChannelTwilioTests {
    /// Answers by recipient number, the way the Messages API does (bodies as Twilio writes them).
    static let rules = """
        [{"match": {"body_contains": "To=%2B31600021211"}, "status": 400,
          "body": {"code": 21211, "message": "Invalid 'To' Phone Number: +31600021211",
                   "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}},
         {"match": {"body_contains": "To=%2B31600021614"}, "status": 400,
          "body": {"code": 21614, "message": "'To' number is not a valid mobile number",
                   "more_info": "https://www.twilio.com/docs/errors/21614", "status": 400}},
         {"match": {"body_contains": "To=%2B31600020429"}, "status": 429, "headers": {"Retry-After": "3"},
          "body": {"code": 20429, "message": "Too Many Requests",
                   "more_info": "https://www.twilio.com/docs/errors/20429", "status": 429}},
         {"match": {"body_contains": "To=%2B31600000500"}, "status": 503, "body": "upstream trouble"},
         {"match": {"body_contains": "To=%2B31600021606"}, "status": 400,
          "body": {"code": 21606, "message": "The From phone number is not a valid, SMS-capable inbound phone number or short code for your account.",
                   "more_info": "https://www.twilio.com/docs/errors/21606", "status": 400}},
         {"match": {"method": "POST", "path_regex": "^/2010-04-01/Accounts/AC0123456789abcdef/Messages.json$",
                    "header": {"Authorization": "Basic QUMwMTIzNDU2Nzg5YWJjZGVmOnRvay1zZWNyZXQtOTg3"}},
          "status": 201,
          "body": {"sid": "SM5f2a0e4c1b7d4e0f9a8b7c6d5e4f3a21", "status": "queued", "to": "+31612345678",
                   "from": "Lunaria", "num_segments": "1", "error_code": null}},
         {"match": {}, "status": 401,
          "body": {"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003",
                   "status": 401}}]
        """

    static func message(to recipient: String, text: String = "Hoi Sanne & co: 15% = €3 + 🎁?")
        -> OutgoingMessage
    {
        OutgoingMessage(
            id: 9, tenantID: "lunaria", channel: "sms", recipient: recipient, recipientName: "Sanne",
            locale: "nl-NL", content: RenderedSMS(text: text))
    }

    private func send(_ messages: [OutgoingMessage], to stub: FakeServer, token: String = "tok-secret-987")
        async throws -> [DeliveryResult]
    {
        let provider = TwilioProvider(
            accountSID: "AC0123456789abcdef", authToken: token, from: "Lunaria", baseURL: stub.httpURL(""))
        let transport = try DeliveryTransport(curl: CurlClient())
        var results: [DeliveryResult] = []
        for message in messages {
            results.append(await provider.send(message, via: transport))
        }
        await transport.curl.shutdown()
        return results
    }

    /// The form fields of an `application/x-www-form-urlencoded` body, decoded.
    static func formFields(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let decode = { (s: String) in
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? s
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    @Test func postsTheFormWithBasicAuthAndReturnsTheSid() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let results = try await send([Self.message(to: "+31612345678")], to: stub)

        #expect(results == [.sent(providerMessageID: "SM5f2a0e4c1b7d4e0f9a8b7c6d5e4f3a21")])
        let request = try #require(try stub.recordedRequests().first)
        #expect(request.method == "POST")
        #expect(request.path == "/2010-04-01/Accounts/AC0123456789abcdef/Messages.json")
        let credentials = Data("AC0123456789abcdef:tok-secret-987".utf8).base64EncodedString()
        #expect(request.header("Authorization") == "Basic \(credentials)")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        let fields = Self.formFields(request.body)
        #expect(fields == ["To": "+31612345678", "From": "Lunaria", "Body": "Hoi Sanne & co: 15% = €3 + 🎁?"])
        // Every reserved character escaped: nothing in the text can add or change a field.
        #expect(!request.body.contains(" ") && request.body.components(separatedBy: "&").count == 3)
    }

    @Test func errorsAreClassified() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let numbers = ["+31600021211", "+31600021614", "+31600020429", "+31600000500", "+31600021606"]
        var results = try await send(numbers.map { Self.message(to: $0) }, to: stub)
        results += try await send([Self.message(to: "+31612345678")], to: stub, token: "wrong-token-123")
        try #require(results.count == 6)

        for (index, code) in [(0, "21211"), (1, "21614")] {
            guard case .failed(let failure) = results[index] else {
                Issue.record("\(code): expected failed, got \(results[index])")
                continue
            }
            // This number cannot get SMS: the fallback channel may reach the customer.
            #expect(failure.kind == .recipientUnreachable && failure.code == "twilio \(code)")
            #expect(failure.reason.contains(code) && failure.reason.contains("HTTP 400"))
        }
        guard case .retry(let limited) = results[2] else {
            Issue.record("429: expected retry, got \(results[2])")
            return
        }
        #expect(
            limited.kind == .rateLimited && limited.retryAfter == .seconds(3)
                && limited.code == "twilio 20429")
        guard case .retry(let trouble) = results[3] else {
            Issue.record("503: expected retry, got \(results[3])")
            return
        }
        #expect(trouble.kind == .temporary && trouble.reason.contains("503"))
        guard case .failed(let sender) = results[4] else {
            Issue.record("21606: expected failed, got \(results[4])")
            return
        }
        // The sender is wrong, not the recipient: no fallback for it.
        #expect(sender.kind == .permanent && sender.code == "twilio 21606")
        guard case .retry(let credentials) = results[5] else {
            Issue.record("20003: expected a credentials pause, got \(results[5])")
            return
        }
        #expect(credentials.kind == .credentials && credentials.code == "twilio 20003")
        for result in results {
            let reason = result.failure?.reason ?? ""
            #expect(!reason.contains("tok-secret") && !reason.contains("wrong-token"), "\(reason)")
        }
    }

    @Test func numbersNotInE164FailWithoutARequest() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.rules)
        defer { stub.stop() }
        let bad = ["0612345678", "+31", "sanne@example.com", "+316123\r\n45678", ""]
        let results = try await send(bad.map { Self.message(to: $0) }, to: stub)
        for result in results {
            guard case .failed(let failure) = result else {
                Issue.record("expected failed, got \(result)")
                continue
            }
            #expect(failure.kind == .recipientUnreachable && failure.reason.contains("E.164"))
            #expect(!failure.reason.contains("\r\n"))
        }
        #expect(try stub.recordedRequests().isEmpty)
    }

    @Test func thePreviewIsTheRequestBody() throws {
        let provider = TwilioProvider(accountSID: "AC1", authToken: "secret-token-42", from: "+3197010000000")
        let payload = try provider.payload(for: Self.message(to: "+31612345678", text: "a+b c"), date: Date())
            .get()
        #expect(
            String(decoding: payload.bytes, as: UTF8.self)
                == "To=%2B31612345678&From=%2B3197010000000&Body=a%2Bb%20c")
        #expect(payload.mediaType == "application/x-www-form-urlencoded")
        #expect(!provider.summary.contains("secret-token-42"), "no token in the summary: \(provider.summary)")
        #expect(!String(decoding: payload.bytes, as: UTF8.self).contains("secret-token-42"))
        #expect(provider.messagesURL == "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json")
    }
}
