import Foundation
import KadoCurl
import KadoTestSupport
import Testing

@Suite(
    "CurlClient lifecycle", .tags(.fakes),
    .enabled(if: FakeServer.pythonAvailable, "python3 is needed for the HTTP stub"))
struct CurlClientLifecycleTests {
    private static let slowRules = #"[{"match": {"path_regex": "^/slow"}, "delay_ms": 600, "body": "late"}]"#
    // Far longer than any test waits, so that only an abort can end it, however loaded the machine.
    private static let verySlowRules = #"[{"match": {"path_regex": "^/slow"}, "delay_ms": 60000}]"#

    @Test func cancellingTheTaskEndsTheTransfer() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.verySlowRules)
        defer { stub.stop() }
        let client = try CurlClient()
        let url = stub.httpURL("/slow")
        let task = Task { try await client.perform(HTTPRequest(url: url)) }
        try await stub.waitForRequests(1)
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        await client.shutdown(gracePeriod: .zero)
    }

    @Test func shutdownLetsInFlightTransfersFinish() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.slowRules)
        defer { stub.stop() }
        let client = try CurlClient()
        let url = stub.httpURL("/slow")
        let task = Task { try await client.perform(HTTPRequest(url: url)) }
        try await stub.waitForRequests(1)
        await client.shutdown(gracePeriod: .seconds(5))
        let response = try await task.value
        #expect(response.text == "late")
    }

    @Test func shutdownAbortsTransfersAfterTheGracePeriod() async throws {
        let stub = try await FakeServer.httpStub(rules: Self.verySlowRules)
        defer { stub.stop() }
        let client = try CurlClient()
        let url = stub.httpURL("/slow")
        let task = Task { try await client.perform(HTTPRequest(url: url)) }
        try await stub.waitForRequests(1)
        await client.shutdown(gracePeriod: .milliseconds(100))
        let error = await #expect(throws: CurlError.self) { _ = try await task.value }
        #expect(error?.code == .abortedByCallback)
        #expect(error?.isTransient == true)
    }

    @Test func requestsAfterShutdownFail() async throws {
        let client = try CurlClient()
        await client.shutdown()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.perform(HTTPRequest(url: "http://127.0.0.1:9/"))
        }
        #expect(error?.code == .abortedByCallback)
    }

    @Test func queuedRequestsBeyondTheLimitAllComplete() async throws {
        let stub = try await FakeServer.httpStub(
            rules: #"[{"match": {"path_regex": "^/q"}, "delay_ms": 50, "body": "ok"}]"#)
        defer { stub.stop() }
        let client = try CurlClient(configuration: .init(maxConcurrentTransfers: 2))
        let base = stub.httpURL("/q/")
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<10 {
                group.addTask { try await client.perform(HTTPRequest(url: base + "\(index)")).text }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        await client.shutdown()
        #expect(bodies == Array(repeating: "ok", count: 10))
    }
}

@Suite("CurlClient input checks")
struct CurlClientInputTests {
    @Test func headerValuesWithLineBreaksAreRejected() async throws {
        let client = try CurlClient()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.perform(
                HTTPRequest(url: "http://127.0.0.1:9/", headers: [("X-A", "1\r\nX-Injected: 2")]))
        }
        await client.shutdown()
        #expect(error?.code == .badFunctionArgument)
        #expect(error?.isTransient == false)
    }

    @Test func onlyHTTPSchemesAreAllowedForHTTPRequests() async throws {
        let client = try CurlClient()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.perform(HTTPRequest(url: "file:///etc/passwd"))
        }
        await client.shutdown()
        #expect(error?.code == .unsupportedProtocol)
        #expect(error?.isTransient == false)
    }

    @Test func mailWithoutRecipientsIsRejected() async throws {
        let client = try SMTPClient()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.send(
                SMTPRequest(url: "smtp://127.0.0.1:9", from: "a@example.com", recipients: [], message: []))
        }
        await client.shutdown()
        #expect(error?.code == .badFunctionArgument)
    }
}
