/// The answer to an ``HTTPRequest``: any status, 4xx and 5xx included, is a response,
/// not an error. Transport failures are thrown as ``CurlError``.
public struct HTTPResponse: Sendable {
    /// The status code of the final response, e.g. 200 or 429.
    public var status: Int
    /// The header fields of the final response (after any `100 Continue`).
    public var headers: HTTPHeaders
    /// The response body bytes.
    public var body: [UInt8]

    /// Creates a response (useful for fakes in tests of code that consumes responses).
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body decoded as UTF-8, invalid sequences replaced.
    public var text: String {
        String(decoding: body, as: UTF8.self)
    }

    /// Whether the status is in the 2xx range.
    public var isSuccess: Bool {
        (200..<300).contains(status)
    }
}

extension HTTPResponse {
    /// Builds the response from a finished transfer: the header lines that follow the
    /// last status line belong to the final response.
    init(outcome: CurlTransferOutcome) {
        var fields: [(name: String, value: String)] = []
        for line in outcome.headerLines {
            if line.hasPrefix("HTTP/") {
                fields.removeAll()
            } else if let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) {
                let name = line[..<colon].trimmingSpaces()
                let value = line[line.utf8.index(after: colon)...].trimmingSpaces()
                fields.append((name: name, value: value))
            }
        }
        self.init(status: outcome.responseCode, headers: HTTPHeaders(fields), body: outcome.body)
    }
}
