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

    /// The requests the stub has recorded so far, in order.
    public func recordedRequests() throws -> [StubRequest] {
        try StubRequest.read(file("requests.jsonl"))
    }
}
