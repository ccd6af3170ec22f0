extension CurlError {
    /// A libcurl `CURLcode` by raw value, with its `CURLE_*` name. The constants cover
    /// the codes callers usually match on.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The numeric `CURLcode`.
        public var rawValue: Int

        /// Creates a code from its numeric value.
        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// The `CURLE_*` name, or `CURLE_<n>` for a code this table does not know.
        public var name: String {
            Self.names.indices.contains(rawValue) ? Self.names[rawValue] : "CURLE_\(rawValue)"
        }

        /// Same as ``name``.
        public var description: String { name }

        /// `CURLE_OK`.
        public static let ok = Code(rawValue: 0)
        /// `CURLE_UNSUPPORTED_PROTOCOL`: a scheme this request kind does not allow.
        public static let unsupportedProtocol = Code(rawValue: 1)
        /// `CURLE_FAILED_INIT`.
        public static let failedInit = Code(rawValue: 2)
        /// `CURLE_URL_MALFORMAT`.
        public static let urlMalformat = Code(rawValue: 3)
        /// `CURLE_COULDNT_RESOLVE_PROXY`.
        public static let couldntResolveProxy = Code(rawValue: 5)
        /// `CURLE_COULDNT_RESOLVE_HOST`.
        public static let couldntResolveHost = Code(rawValue: 6)
        /// `CURLE_COULDNT_CONNECT`: connection refused or unreachable.
        public static let couldntConnect = Code(rawValue: 7)
        /// `CURLE_WEIRD_SERVER_REPLY`.
        public static let weirdServerReply = Code(rawValue: 8)
        /// `CURLE_HTTP2`.
        public static let http2 = Code(rawValue: 16)
        /// `CURLE_PARTIAL_FILE`.
        public static let partialFile = Code(rawValue: 18)
        /// `CURLE_WRITE_ERROR`: e.g. the response exceeded the configured size limit.
        public static let writeError = Code(rawValue: 23)
        /// `CURLE_READ_ERROR`.
        public static let readError = Code(rawValue: 26)
        /// `CURLE_OUT_OF_MEMORY`.
        public static let outOfMemory = Code(rawValue: 27)
        /// `CURLE_OPERATION_TIMEDOUT`.
        public static let operationTimedOut = Code(rawValue: 28)
        /// `CURLE_SSL_CONNECT_ERROR`.
        public static let sslConnectError = Code(rawValue: 35)
        /// `CURLE_ABORTED_BY_CALLBACK`: also used when the client was shut down.
        public static let abortedByCallback = Code(rawValue: 42)
        /// `CURLE_BAD_FUNCTION_ARGUMENT`: also used for invalid request values.
        public static let badFunctionArgument = Code(rawValue: 43)
        /// `CURLE_GOT_NOTHING`.
        public static let gotNothing = Code(rawValue: 52)
        /// `CURLE_SEND_ERROR`; for SMTP also a rejected command (see the reply code).
        public static let sendError = Code(rawValue: 55)
        /// `CURLE_RECV_ERROR`.
        public static let recvError = Code(rawValue: 56)
        /// `CURLE_PEER_FAILED_VERIFICATION`: the server certificate was not accepted.
        public static let peerFailedVerification = Code(rawValue: 60)
        /// `CURLE_USE_SSL_FAILED`: TLS was required but the server does not offer it.
        public static let useSSLFailed = Code(rawValue: 64)
        /// `CURLE_LOGIN_DENIED`.
        public static let loginDenied = Code(rawValue: 67)
        /// `CURLE_AGAIN`.
        public static let again = Code(rawValue: 81)
        /// `CURLE_HTTP2_STREAM`.
        public static let http2Stream = Code(rawValue: 92)
        /// `CURLE_HTTP3`.
        public static let http3 = Code(rawValue: 95)
        /// `CURLE_QUIC_CONNECT_ERROR`.
        public static let quicConnectError = Code(rawValue: 96)
        /// `CURLE_UNRECOVERABLE_POLL`.
        public static let unrecoverablePoll = Code(rawValue: 99)
    }
}
