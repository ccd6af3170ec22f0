/// Checks of request values before they reach libcurl: C strings end at the first NUL,
/// and CR or LF in a header or SMTP address would let a value inject protocol lines.
enum CurlInputCheck {
    /// Validates method, URL and header fields of an HTTP request.
    static func http(_ request: HTTPRequest) throws(CurlError) {
        let url = request.url
        try require(isToken(request.method), "invalid HTTP method \"\(request.method)\"", url)
        try require(isSafeLine(url), "the URL contains a control character", url)
        for (name, value) in request.headers {
            try require(isToken(name), "invalid header name \"\(name)\"", url)
            try require(isSafeLine(value), "the value of header \(name) contains CR, LF or NUL", url)
        }
    }

    /// Validates URL, envelope addresses and credentials of an SMTP request.
    static func smtp(_ mail: SMTPRequest) throws(CurlError) {
        let url = mail.url
        try require(isSafeLine(url), "the URL contains a control character", url)
        try require(!mail.recipients.isEmpty, "an SMTP message needs at least one recipient", url)
        for address in [mail.from] + mail.recipients {
            try require(isSafeLine(address), "an envelope address contains CR, LF or NUL", url)
        }
        try require(!mail.recipients.contains(""), "an envelope recipient is empty", url)
        for secret in [mail.username, mail.password].compactMap({ $0 }) {
            try require(isSafeLine(secret), "the credentials contain CR, LF or NUL", url)
        }
    }

    /// `detail` is only built for a failed check: the checks run for every request.
    private static func require(_ condition: Bool, _ detail: @autoclosure () -> String, _ url: String)
        throws(CurlError)
    {
        guard condition else { throw CurlError.badArgument(detail(), url: url) }
    }

    /// The bytes RFC 9110 does not allow in a token besides controls and space.
    private static let separators = Set("\"(),/:;<=>?@[\\]{}".utf8)

    /// An RFC 9110 token: visible ASCII except separators.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                byte > 0x20 && byte < 0x7F && !separators.contains(byte)
            }
    }

    /// No NUL, CR or LF.
    static func isSafeLine(_ text: String) -> Bool {
        !text.utf8.contains { $0 == 0 || $0 == 0x0A || $0 == 0x0D }
    }
}
