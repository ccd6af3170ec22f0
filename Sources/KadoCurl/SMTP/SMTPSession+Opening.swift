import CCurl

extension SMTPSession {
    /// Starts opening a session to `server` (connect, TLS, `EHLO`, `STARTTLS`, `AUTH`:
    /// libcurl's part) in a multi handle of its own, driven by the engine's poll through
    /// libcurl's socket interface.
    static func open(to server: SMTPServerKey, timeout: Duration) throws(CurlError) -> SMTPSession {
        let connection = try CurlTransfer.smtpConnection(to: server, timeout: timeout)
        guard let multi = curl_multi_init() else {
            throw CurlError(code: .failedInit, detail: "curl_multi_init failed", url: server.url)
        }
        let session = SMTPSession(key: server, connection: connection, multi: multi)
        let context = Unmanaged.passUnretained(session).toOpaque()
        _ = kado_curl_multi_setopt_socket_callback(multi, smtpOpeningSocket)
        _ = kado_curl_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, context)
        _ = kado_curl_multi_setopt_timer_callback(multi, smtpOpeningTimer)
        _ = kado_curl_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, context)
        let added = curl_multi_add_handle(multi, connection.handle)
        guard added == CURLM_OK else {
            curl_multi_cleanup(multi)
            throw CurlError(
                code: .failedInit, detail: String(cString: curl_multi_strerror(added)), url: server.url)
        }
        return session
    }

    /// Lets libcurl go on opening after activity on `socket` (`CURL_CSELECT_*` bits in
    /// `events`) or, with `CURL_SOCKET_TIMEOUT`, after its timer ran out. Returns
    /// libcurl's result once the opening is over, nil while it goes on.
    func driveOpening(socket: curl_socket_t, events: Int32) -> CURLcode? {
        var running: Int32 = 0
        if socket == CURL_SOCKET_TIMEOUT { openingTimer = nil }
        _ = curl_multi_socket_action(multi, socket, events, &running)
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            if message.pointee.msg == CURLMSG_DONE {
                openingSockets = []
                openingTimer = nil
                return message.pointee.data.result
            }
        }
        return nil
    }

    /// libcurl's socket callback: which socket to watch for what.
    fileprivate func watch(_ socket: curl_socket_t, _ what: Int32) {
        openingSockets.removeAll { $0.socket == socket }
        if what != CURL_POLL_REMOVE {
            openingSockets.append((socket, what))
        }
    }

    /// libcurl's timer callback: -1 stops the timer.
    fileprivate func setTimer(_ milliseconds: Int) {
        openingTimer = milliseconds < 0 ? nil : .now + .milliseconds(milliseconds)
    }
}

private func session(_ context: UnsafeMutableRawPointer) -> SMTPSession {
    Unmanaged<SMTPSession>.fromOpaque(context).takeUnretainedValue()
}

private let smtpOpeningSocket: kado_curl_socket_callback = { _, socket, what, context, _ in
    guard let context else { return 0 }
    session(context).watch(socket, what)
    return 0
}

private let smtpOpeningTimer: kado_curl_timer_callback = { _, milliseconds, context in
    guard let context else { return 0 }
    session(context).setTimer(milliseconds)
    return 0
}
