import Foundation

/// One request as recorded by `scripts/fakes/http_stub.py` in its `--log` file (one
/// JSON object per line).
public struct StubRequest: Decodable, Sendable {
    /// The request's position in the log, from 1.
    public let seq: Int
    /// The HTTP method, such as `POST`.
    public let method: String
    /// The path with the query string.
    public let path: String
    /// The headers as sent, each a `[name, value]` pair.
    public let headers: [[String]]
    /// The body as UTF-8 text, invalid bytes replaced.
    public let body: String
    /// The body bytes in base64; see ``bodyBytes``.
    public let body_base64: String
    /// The client's address and port: the same value means a reused connection.
    public let client: String

    /// The first value of a header, any case.
    public func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }

    /// The raw body bytes.
    public var bodyBytes: [UInt8] {
        Data(base64Encoded: body_base64).map { Array($0) } ?? []
    }

    /// Every request in a stub log file, in order.
    public static func read(_ url: URL) throws -> [StubRequest] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONDecoder().decode(StubRequest.self, from: Data($0.utf8))
        }
    }
}
