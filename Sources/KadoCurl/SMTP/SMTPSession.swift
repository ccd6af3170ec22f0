import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One SMTP connection of an ``SMTPEngine``: opened by libcurl (connect, TLS, `EHLO`,
/// `AUTH`), then kept and used for one message after another, its bytes going through
/// `curl_easy_send` and `curl_easy_recv` on the non-blocking socket.
///
/// Not `Sendable`: only the engine thread touches it.
final class SMTPSession {
    enum State {
        /// libcurl is opening it; ``SMTPEngine`` drives the transfer.
        case connecting
        /// Open, no message.
        case idle
        /// A message's transaction is running.
        case sending
        /// `RSET` after a refusal; idle again once the server accepts it.
        case resetting
        /// `QUIT` sent; closed at the server's reply (or its end, or a short limit).
        case quitting
        /// Closed; nothing more happens on it.
        case closed
    }

    /// How the connection failed.
    enum Failure: Error {
        /// The server closed it (end of stream).
        case closedByServer
        /// `curl_easy_send` or `curl_easy_recv` failed.
        case transport(CURLcode)
        /// The server's bytes are not SMTP replies.
        case protocolViolation(SMTPReplyReader.Violation)
    }

    let key: SMTPServerKey
    let connection: CurlTransfer
    /// The multi handle that opens the connection and then holds it (the easy handle
    /// must stay in it for `curl_easy_send` to work). One per session, so that opening
    /// another session never runs libcurl's check of the idle connections in a shared
    /// cache (a connection with unread input fails it), which a kept session with a reply
    /// not yet read would be.
    let multi: UnsafeMutableRawPointer
    /// While opening: the sockets libcurl wants watched, and for what
    /// (`CURL_POLL_IN`, `CURL_POLL_OUT`, `CURL_POLL_INOUT`).
    var openingSockets: [(socket: curl_socket_t, what: Int32)] = []
    /// While opening: when libcurl wants to be called without socket activity.
    var openingTimer: ContinuousClock.Instant?
    private(set) var socket = curl_socket_t(CURL_SOCKET_BAD)
    private(set) var capabilities = SMTPCapabilities()
    /// Whether libcurl encrypted the connection (implicit TLS or `STARTTLS`).
    private(set) var isEncrypted = false
    var state = State.connecting
    /// The message in progress (or the one this session was opened for).
    var job: SMTPEngine.Job?
    var transaction: SMTPTransaction?
    /// When the current job started on this session (its time limit counts from here).
    var jobStart = ContinuousClock.now
    /// The next message, whose commands went out behind the current one's body
    /// (``SMTPEngine``), and when they did; its `job` is nil once its task was cancelled.
    var chained: (job: SMTPEngine.Job?, transaction: SMTPTransaction, since: ContinuousClock.Instant)?
    /// When the current step runs out: the job's limit, `RSET`'s, or idling's.
    var deadline: ContinuousClock.Instant?
    /// Whether a message has already ended on this connection (delivered or refused):
    /// a kept connection, which the server may have closed while it was idle.
    var isReused = false
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var reader = SMTPReplyReader()

    init(key: SMTPServerKey, connection: CurlTransfer, multi: UnsafeMutableRawPointer) {
        self.key = key
        self.connection = connection
        self.multi = multi
    }

    /// Whether a second message may be chained behind the current one: the server
    /// pipelines, one message is in progress and none is chained yet.
    var canTakeChained: Bool { state == .sending && capabilities.pipelining && chained == nil && job != nil }

    /// Whether bytes wait to be written (the socket was full).
    var wantsWrite: Bool { outputOffset < output.count }

    /// Whether the last body bytes have not all been written yet.
    var isSendingBody: Bool { (transaction?.bodyStarted ?? false) && wantsWrite }

    /// libcurl finished opening the session: take its socket and the capabilities the
    /// server announced, and stop libcurl's protocol tracing.
    func opened() -> Bool {
        guard let socket = connection.activeSocket else { return false }
        self.socket = socket
        capabilities = SMTPCapabilities(openingReplies: connection.headerLines)
        isEncrypted = connection.usesTLS
        try? connection.set(CURLOPT_VERBOSE, 0)
        state = .idle
        return true
    }

    /// Queues `bytes` and writes as much as the socket takes.
    func send(_ bytes: [UInt8]) throws(Failure) {
        if outputOffset == output.count {
            output = bytes
            outputOffset = 0
        } else {
            output += bytes
        }
        try flush()
    }

    /// Writes queued bytes until they are all out or the socket is full.
    func flush() throws(Failure) {
        while outputOffset < output.count {
            var written = 0
            let result = output.withUnsafeBytes { buffer in
                curl_easy_send(
                    connection.handle, buffer.baseAddress.map { $0 + outputOffset },
                    buffer.count - outputOffset,
                    &written)
            }
            switch result {
            case CURLE_OK: outputOffset += written
            case CURLE_AGAIN: return
            default: throw .transport(result)
            }
        }
        output.removeAll(keepingCapacity: true)
        outputOffset = 0
    }

    /// Reads what the socket has and returns the complete replies in it.
    func receive(into scratch: UnsafeMutableRawBufferPointer) throws(Failure) -> [SMTPReply] {
        while true {
            var received = 0
            let result = curl_easy_recv(connection.handle, scratch.baseAddress, scratch.count, &received)
            if result == CURLE_AGAIN { break }
            guard result == CURLE_OK else { throw .transport(result) }
            guard received > 0 else { throw .closedByServer }
            reader.append(UnsafeRawBufferPointer(rebasing: scratch[..<received]))
            // In clear text a short read emptied the socket. With TLS read on until
            // libcurl says again: decrypted bytes it holds would wake no poll.
            if !isEncrypted && received < scratch.count { break }
        }
        var replies: [SMTPReply] = []
        do {
            while let reply = try reader.next() { replies.append(reply) }
        } catch {
            throw .protocolViolation(error)
        }
        return replies
    }

    /// Ends the connection at once (a polite end sends `QUIT` first: ``SMTPEngine``).
    /// The socket is shut down so that libcurl, cleaning up the handle, neither reuses
    /// it nor waits for a reply to a `QUIT` of its own.
    func close() {
        guard state != .closed else { return }
        if socket != CURL_SOCKET_BAD {
            _ = shutdown(socket, Int32(SHUT_RDWR))
        }
        state = .closed
        job = nil
        transaction = nil
        chained = nil
        openingSockets = []
        openingTimer = nil
        _ = curl_multi_remove_handle(multi, connection.handle)
        curl_multi_cleanup(multi)
    }
}
