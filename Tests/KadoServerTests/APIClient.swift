import Foundation
import KadoCurl

/// Requests to the server under test over real HTTP on 127.0.0.1 (libcurl).
struct APIClient: Sendable {
    let base: String
    let curl: CurlClient

    /// A response with its JSON body parsed (when it is JSON).
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }
        /// The problem's stable `code`.
        var code: String? { json["code"] as? String }
        var contentType: String { headers["Content-Type"] ?? "" }
    }

    func send(
        _ method: String, _ path: String, key: String? = nil, json: String? = nil, body: [UInt8]? = nil,
        contentType: String? = "application/json"
    ) async throws -> Reply {
        var headers: [(String, String)] = []
        if let key { headers.append(("Authorization", "Bearer \(key)")) }
        let bytes = body ?? json.map { Array($0.utf8) } ?? []
        if !bytes.isEmpty || method == "POST", let contentType {
            headers.append(("Content-Type", contentType))
        }
        let response = try await curl.perform(
            HTTPRequest(
                method: method, url: base + path, headers: headers, body: bytes, timeout: .seconds(30)))
        return Reply(status: response.status, headers: response.headers, body: response.body)
    }
}
