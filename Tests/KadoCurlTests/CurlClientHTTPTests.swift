import Foundation
import KadoCurl
import KadoTestSupport
import Testing

@Suite(
    "CurlClient HTTP", .tags(.fakes),
    .enabled(if: FakeServer.pythonAvailable, "python3 is needed for the HTTP stub"))
struct CurlClientHTTPTests {
    @Test func getRoundTripsHeadersAndBody() async throws {
        let stub = try await FakeServer.httpStub(
            rules: """
                [{"match": {"path_regex": "^/hello"}, "status": 200,
                  "headers": {"X-Thing": "a", "Set-Cookie": "one"}, "body": {"ok": true}}]
                """)
        defer { stub.stop() }
        let client = try CurlClient()
        let response = try await client.perform(
            HTTPRequest(
                url: stub.httpURL("/hello?x=1"), headers: [("X-Kado", "yes"), ("Accept", "application/json")])
        )
        await client.shutdown()

        #expect(response.status == 200)
        #expect(response.isSuccess)
        #expect(response.headers["x-thing"] == "a")
        #expect(response.headers["CONTENT-TYPE"] == "application/json")
        #expect(response.text == #"{"ok": true}"#)
        let seen = try stub.recordedRequests()
        #expect(seen.count == 1)
        #expect(seen.first?.method == "GET")
        #expect(seen.first?.path == "/hello?x=1")
        #expect(seen.first?.header("x-kado") == "yes")
        #expect(seen.first?.header("accept") == "application/json")
    }

    @Test func postSendsBinaryBodyBytesExactly() async throws {
        let stub = try await FakeServer.httpStub(
            rules: #"[{"match": {"method": "POST"}, "status": 201, "body": "created"}]"#)
        defer { stub.stop() }
        let client = try CurlClient()
        let body: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF] + Array("{\"a\":\"é\"}".utf8)
        let response = try await client.perform(
            HTTPRequest(
                method: "POST", url: stub.httpURL("/v1/messages"),
                headers: [("Content-Type", "application/octet-stream")], body: body))
        await client.shutdown()

        #expect(response.status == 201)
        #expect(response.text == "created")
        let seen = try #require(try stub.recordedRequests().first)
        #expect(seen.method == "POST")
        #expect(seen.bodyBytes == body)
        #expect(seen.header("content-type") == "application/octet-stream")
        #expect(seen.header("content-length") == "\(body.count)")
    }

    @Test func putAndEmptyPostUseTheGivenMethod() async throws {
        let stub = try await FakeServer.httpStub()
        defer { stub.stop() }
        let client = try CurlClient()
        _ = try await client.perform(
            HTTPRequest(method: "PUT", url: stub.httpURL("/put"), body: Array("x".utf8)))
        _ = try await client.perform(HTTPRequest(method: "POST", url: stub.httpURL("/empty")))
        _ = try await client.perform(HTTPRequest(method: "DELETE", url: stub.httpURL("/gone")))
        await client.shutdown()

        let seen = try stub.recordedRequests()
        #expect(seen.map(\.method) == ["PUT", "POST", "DELETE"])
        #expect(seen.map(\.body) == ["x", "", ""])
        #expect(seen[1].header("content-length") == "0")
    }

    @Test func errorStatusesAreResponsesWithReadableHeadersAndBody() async throws {
        let stub = try await FakeServer.httpStub(
            rules: """
                [{"match": {"path_regex": "^/busy"}, "status": 429, "headers": {"Retry-After": "3"},
                  "body": {"error": {"code": 130429}}, "times": 1},
                 {"match": {"path_regex": "^/busy"}, "status": 200, "body": {"ok": 1}},
                 {"match": {"path_regex": "^/broken"}, "status": 500, "body": "internal trouble"},
                 {"match": {"path_regex": "^/bad"}, "status": 400, "body": {"error": "bad phone"}}]
                """)
        defer { stub.stop() }
        let client = try CurlClient()
        let busy = try await client.perform(HTTPRequest(method: "POST", url: stub.httpURL("/busy")))
        let retried = try await client.perform(HTTPRequest(method: "POST", url: stub.httpURL("/busy")))
        let broken = try await client.perform(HTTPRequest(url: stub.httpURL("/broken")))
        let bad = try await client.perform(HTTPRequest(url: stub.httpURL("/bad")))
        await client.shutdown()

        #expect(busy.status == 429)
        #expect(busy.headers["retry-after"] == "3")
        #expect(busy.text.contains("130429"))
        #expect(retried.status == 200)
        #expect(broken.status == 500)
        #expect(broken.text == "internal trouble")
        #expect(!broken.isSuccess)
        #expect(bad.status == 400)
        #expect(bad.text == #"{"error": "bad phone"}"#)
    }

    @Test func hundredConcurrentRequestsThroughOneClient() async throws {
        let stub = try await FakeServer.httpStub()
        defer { stub.stop() }
        let client = try CurlClient(configuration: .init(maxConcurrentTransfers: 16))
        let base = stub.httpURL("/n/")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<100 {
                group.addTask {
                    let request = HTTPRequest(
                        method: "POST", url: base + "\(index)", body: Array("\(index)".utf8))
                    return try await client.perform(request).status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        await client.shutdown()

        #expect(statuses.count == 100)
        #expect(statuses.allSatisfy { $0 == 200 })
        let seen = try stub.recordedRequests()
        #expect(seen.count == 100)
        #expect(Set(seen.map(\.path)) == Set((0..<100).map { "/n/\($0)" }))
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let stub = try await FakeServer.httpStub()
        defer { stub.stop() }
        let client = try CurlClient()
        for index in 0..<5 {
            _ = try await client.perform(HTTPRequest(url: stub.httpURL("/again/\(index)")))
        }
        await client.shutdown()

        let seen = try stub.recordedRequests()
        #expect(seen.count == 5)
        #expect(Set(seen.map(\.client)).count == 1)
    }

    /// One transfer at a time: every request after the first runs on the easy handle the
    /// one before it gave back (``CurlHandlePool``), which must carry none of its options.
    @Test func aKeptHandleCarriesNothingIntoTheNextRequest() async throws {
        let stub = try await FakeServer.httpStub()
        defer { stub.stop() }
        let client = try CurlClient(configuration: .init(maxConcurrentTransfers: 1))
        let head = try await client.perform(
            HTTPRequest(method: "HEAD", url: stub.httpURL("/head"), headers: [("X-Only-Head", "1")]))
        _ = try await client.perform(
            HTTPRequest(
                method: "POST", url: stub.httpURL("/post"), headers: [("Content-Type", "text/plain")],
                body: Array("payload".utf8)))
        let get = try await client.perform(HTTPRequest(url: stub.httpURL("/get")))
        _ = try await client.perform(
            HTTPRequest(method: "PUT", url: stub.httpURL("/put"), body: Array("x".utf8)))
        _ = try await client.perform(HTTPRequest(method: "DELETE", url: stub.httpURL("/delete")))
        let last = try await client.perform(HTTPRequest(url: stub.httpURL("/last")))
        await client.shutdown()

        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(get.status == 200)
        #expect(!get.body.isEmpty, "a GET after a HEAD reads its body")
        #expect(last.status == 200)
        let seen = try stub.recordedRequests()
        #expect(seen.map(\.method) == ["HEAD", "POST", "GET", "PUT", "DELETE", "GET"])
        #expect(seen.map(\.path) == ["/head", "/post", "/get", "/put", "/delete", "/last"])
        #expect(seen.map(\.body) == ["", "payload", "", "x", "", ""])
        #expect(seen.dropFirst().allSatisfy { $0.header("x-only-head") == nil })
        #expect(seen[1].header("content-type") == "text/plain")
        #expect(seen[2].header("content-type") == nil)
        #expect(seen[5].header("content-length") == nil)
    }

    @Test func refusedConnectionIsATransientError() async throws {
        let port = try #require(ClosedPort.make())
        let client = try CurlClient()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.perform(HTTPRequest(url: "http://127.0.0.1:\(port)/x"))
        }
        await client.shutdown()
        #expect(error?.code == .couldntConnect)
        #expect(error?.isTransient == true)
        #expect(error?.url == "http://127.0.0.1:\(port)/x")
        #expect(error?.description.contains("CURLE_COULDNT_CONNECT") == true)
    }

    @Test func slowAnswerTimesOut() async throws {
        let stub = try await FakeServer.httpStub(
            rules: #"[{"match": {"path_regex": "^/slow"}, "delay_ms": 3000, "body": "late"}]"#)
        defer { stub.stop() }
        let client = try CurlClient()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.perform(HTTPRequest(url: stub.httpURL("/slow"), timeout: .milliseconds(300)))
        }
        await client.shutdown(gracePeriod: .zero)
        #expect(error?.code == .operationTimedOut)
        #expect(error?.isTimeout == true)
        #expect(error?.isTransient == true)
        #expect(error?.phase == .response)
        #expect(error?.explanation.hasPrefix("timeout after ") == true)
        #expect(
            error?.explanation.hasSuffix("waiting for the response from \(stub.httpURL("/slow"))") == true)
    }

    #if os(Linux)
        @Test func slowUploadTimesOutWhileSendingTheRequest() async throws {
            // Nothing reads the body: the kernel buffers fill up and the request never ends.
            let listener = try #require(StalledListener.neverReading())
            let client = try CurlClient()
            let url = "http://127.0.0.1:\(listener.port)/upload"
            let error = await #expect(throws: CurlError.self) {
                _ = try await client.perform(
                    HTTPRequest(
                        method: "POST", url: url, body: Array(repeating: 0x61, count: 32 << 20),
                        timeout: .seconds(1)))
            }
            await client.shutdown(gracePeriod: .zero)
            #expect(error?.isTimeout == true)
            #expect(error?.phase == .request)
            #expect(error?.explanation.hasSuffix("while sending the request to \(url)") == true)
            withExtendedLifetime(listener) {}
        }

        @Test func connectionThatNeverCompletesTimesOutWhileConnecting() async throws {
            let listener = try #require(StalledListener.neverConnecting())
            let client = try CurlClient()
            let url = "http://127.0.0.1:\(listener.port)/x"
            let error = await #expect(throws: CurlError.self) {
                _ = try await client.perform(HTTPRequest(url: url, connectTimeout: .seconds(1)))
            }
            await client.shutdown()
            #expect(error?.isTimeout == true)
            #expect(error?.phase == .connect)
            #expect(error?.explanation.hasSuffix("while connecting to \(url)") == true)
            #expect(error?.description.hasPrefix("timeout after ") == true)
            withExtendedLifetime(listener) {}
        }
    #endif

    @Test func oversizedResponseIsRefused() async throws {
        let stub = try await FakeServer.httpStub(rules: #"[{"body": "0123456789abcdef"}]"#)
        defer { stub.stop() }
        let client = try CurlClient(configuration: .init(maxResponseBodyBytes: 8))
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.perform(HTTPRequest(url: stub.httpURL("/big")))
        }
        await client.shutdown()

        #expect(error?.code == .writeError)
        #expect(error?.detail.contains("limit of 8 bytes") == true)
    }
}
