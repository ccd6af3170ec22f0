import CCurl

/// A failed libcurl transfer: the `CURLcode`, libcurl's own detail text, the URL
/// (without credentials or query), the ``Phase`` it failed in, how long it ran and,
/// for SMTP, the server's reply to the step that failed, code and text.
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
    /// For SMTP: the server's reply code (e.g. 550) to the step that failed, if the
    /// server answered it. Nil for a timeout: the last code seen then belongs to an
    /// earlier step that succeeded.
    public var responseCode: Int?
    /// The step the transfer was in when it failed, when known.
    public var phase: Phase?
    /// For SMTP: the server's own words in its reply to the step that failed, e.g.
    /// `550 5.1.1 <x@y>: Recipient address rejected: User unknown`: the whole last
    /// reply on one line, control characters removed, at most 512 characters. Nil when
    /// the step was not answered (timeouts, lost connections).
    public var serverReply: String? {
        didSet { serverReply = serverReply.flatMap(SMTPReplyText.oneLine) }
    }
    /// How long the transfer ran until it failed (`CURLINFO_TOTAL_TIME_T`), when known.
    public var elapsed: Duration?
    /// SMTP: the server had answered `DATA` with 354 and the body was not sent
    /// completely; a timeout then happened while sending it, not while waiting.
    var sendingBody = false

    /// Creates an error; `url` is stored without credentials, query or fragment and
    /// `serverReply` on one line.
    public init(
        code: Code, detail: String = "", url: String, responseCode: Int? = nil, phase: Phase? = nil,
        serverReply: String? = nil, elapsed: Duration? = nil
    ) {
        self.code = code
        self.detail = detail
        self.url = Self.redacted(url)
        self.responseCode = responseCode
        self.phase = phase
        self.serverReply = serverReply.flatMap(SMTPReplyText.oneLine)
        self.elapsed = elapsed
    }

    /// Whether a time limit ran out (`CURLE_OPERATION_TIMEDOUT`): the connect timeout
    /// or the transfer's timeout. ``phase`` tells what was being waited for.
    public var isTimeout: Bool {
        code == .operationTimedOut
    }

    /// The enhanced status code in ``serverReply`` (`5.1.1`), when the server sent one.
    public var enhancedStatusCode: SMTPEnhancedStatusCode? {
        serverReply.flatMap { SMTPEnhancedStatusCode(reply: $0) }
    }

    /// libcurl's generic text for the code (`curl_easy_strerror`).
    public var summary: String {
        String(cString: curl_easy_strerror(CURLcode(rawValue: numericCast(code.rawValue))))
    }

    /// ``explanation`` followed by the libcurl code:
    /// `timeout after 30 s waiting for the reply to DATA from smtp://host:25 (curl error 28, CURLE_OPERATION_TIMEDOUT)`.
    public var description: String {
        "\(explanation) (curl error \(code.rawValue), \(code.name))"
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
