import Foundation

/// Launching `scripts/fakes/http_stub.py` for a test.
extension FakeServer {
    /// Starts the HTTP stub with these answer rules (JSON, see the script's header); it
    /// logs every request to `requests.jsonl` in the server's directory.
    public static func httpStub(rules: String = "[]") async throws -> FakeServer {
        try await launch(
            "http_stub.py", ["--log", "{dir}/requests.jsonl", "--script", "{dir}/script.json"],
            files: ["script.json": rules])
    }

    /// Returns once the stub has received at least `count` requests (it records each before
    /// answering, so the request is then in flight), or throws after `timeout`.
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ((try? recordedRequests().count) ?? 0) < count {
            guard ContinuousClock.now < deadline else {
                throw FakeServerError(message: "the stub got fewer than \(count) requests within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The requests the stub has recorded so far, in order.
    public func recordedRequests() throws -> [StubRequest] {
        try StubRequest.read(file("requests.jsonl"))
    }
}
