import Foundation

/// Launching `scripts/fakes/http_stub.py` for a channel test.
extension ChannelFake {
    /// Starts the HTTP stub with these answer rules (JSON, see the script's header).
    static func httpStub(rules: String = "[]") async throws -> ChannelFake {
        try await launch(
            "http_stub.py", ["--log", "{dir}/requests.jsonl", "--script", "{dir}/script.json"],
            files: ["script.json": rules])
    }

    /// The requests the stub has recorded so far.
    func recordedRequests() throws -> [ChannelStubRequest] {
        let text = try String(contentsOf: file("requests.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONDecoder().decode(ChannelStubRequest.self, from: Data($0.utf8))
        }
    }
}

/// One request as recorded by `scripts/fakes/http_stub.py`.
struct ChannelStubRequest: Decodable {
    let method: String
    let path: String
    let headers: [[String]]
    let body: String
    let body_base64: String

    /// The first value of a header, any case.
    func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }

    /// The raw body bytes.
    var bodyBytes: [UInt8] {
        Data(base64Encoded: body_base64).map { Array($0) } ?? []
    }
}
