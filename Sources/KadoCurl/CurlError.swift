import CCurl

/// A failed libcurl transfer: the `CURLcode`, libcurl's own detail text, the URL
/// (without credentials or query) and, for SMTP, the server's last reply code.
///
/// HTTP status codes are not errors: a 429 or 500 answer is an ``HTTPResponse``.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    /// The libcurl result code.
    public var code: Code
    /// libcurl's error buffer text (`CURLOPT_ERRORBUFFER`), or a message of this
    /// library; may be empty.
    public var detail: String
    /// The URL of the transfer, without user info, query or fragment.
    public var url: String
    /// For SMTP: the server's last reply code (e.g. 550), if it answered.
    public var responseCode: Int?

    /// Creates an error; `url` is stored without credentials, query or fragment.
    public init(code: Code, detail: String = "", url: String, responseCode: Int? = nil) {
        self.code = code
        self.detail = detail
        self.url = Self.redacted(url)
        self.responseCode = responseCode
    }

    /// libcurl's generic text for the code (`curl_easy_strerror`).
    public var summary: String {
        String(cString: curl_easy_strerror(CURLcode(rawValue: numericCast(code.rawValue))))
    }

    /// `curl error 7 (CURLE_COULDNT_CONNECT): Couldn't connect to server: <detail> [url ...]`.
    public var description: String {
        var text = "curl error \(code.rawValue) (\(code.name)): \(summary)"
        if !detail.isEmpty && detail != summary {
            text += ": \(detail)"
        }
        if let responseCode {
            text += " [server reply \(responseCode)]"
        }
        text += " [url \(url)]"
        return text
    }
}

extension CurlError {
    /// Wraps a libcurl result code.
    init(_ result: CURLcode, detail: String = "", url: String, responseCode: Int? = nil) {
        self.init(
            code: Code(rawValue: Int(result.rawValue)), detail: detail, url: url,
            responseCode: responseCode)
    }

    /// Invalid input caught before anything is sent.
    static func badArgument(_ detail: String, url: String) -> CurlError {
        CurlError(code: .badFunctionArgument, detail: detail, url: url)
    }

    /// The transfer was not run or was stopped because the client shut down.
    static func shutDown(url: String) -> CurlError {
        CurlError(code: .abortedByCallback, detail: "aborted: the CurlClient was shut down", url: url)
    }
}
