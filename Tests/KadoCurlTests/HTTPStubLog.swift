import Foundation

/// One request as recorded by `scripts/fakes/http_stub.py` in its `--log` file.
struct StubRequest: Decodable {
    let seq: Int
    let method: String
    let path: String
    let headers: [[String]]
    let body: String
    let body_base64: String
    /// The client's address and port: the same value means a reused connection.
    let client: String

    /// The first value of a header, any case.
    func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }

    /// The raw body bytes.
    var bodyBytes: [UInt8] {
        Data(base64Encoded: body_base64).map { Array($0) } ?? []
    }

    /// Every request in a stub log file, in order.
    static func read(_ url: URL) throws -> [StubRequest] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONDecoder().decode(StubRequest.self, from: Data($0.utf8))
        }
    }
}
