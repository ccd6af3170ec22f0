extension CurlError {
    /// Whether trying again later may succeed.
    ///
    /// Transient: an SMTP 4xx reply, timeouts, refused or failed connections, name
    /// resolution, send and receive errors, an empty reply, a shut-down client.
    /// Permanent: an SMTP 5xx reply and everything else (bad URL or protocol, login
    /// denied, TLS required but unavailable, certificate problems, invalid input...).
    public var isTransient: Bool {
        if let responseCode {
            if (400..<500).contains(responseCode) { return true }
            if (500..<600).contains(responseCode) { return false }
        }
        return Self.transientCodes.contains(code)
    }

    /// The result codes that describe a passing condition of the network or server.
    static let transientCodes: Set<Code> = [
        .couldntResolveProxy, .couldntResolveHost, .couldntConnect, .http2, .partialFile,
        .operationTimedOut, .sslConnectError, .abortedByCallback, .gotNothing, .sendError,
        .recvError, .again, .http2Stream, .http3, .quicConnectError, .unrecoverablePoll,
    ]
}
