/// What a finished transfer produced, read on the thread that ran it and handed to
/// the waiting task as a plain value.
struct CurlTransferOutcome: Sendable {
    /// `CURLINFO_RESPONSE_CODE`: the HTTP status or the last SMTP reply code.
    var responseCode: Int
    /// Header callback lines without line ends: HTTP status and header lines, or SMTP
    /// reply lines.
    var headerLines: [String]
    /// The response body (HTTP).
    var body: [UInt8]
}
