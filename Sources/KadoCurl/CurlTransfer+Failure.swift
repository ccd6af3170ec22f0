import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CurlTransfer {
    /// The error for a transfer libcurl ended with `result`: the phase it failed in,
    /// how long it ran and, for the opening of an SMTP session, the server's answer to
    /// the failed step (none when the step was not answered, as after a timeout).
    func failure(_ result: CURLcode, detail: String, lastResponseCode: Int) -> CurlError {
        var error = CurlError(result, detail: detail, url: url)
        if let total = offsetInfo(CURLINFO_TOTAL_TIME_T) {
            error.elapsed = .microseconds(total)
        }
        switch kind {
        case .http:
            error.phase = httpPhase()
        case .smtp:
            error.phase = smtpPhase()
            if !error.isTimeout && !dialogue.awaitingReply {
                error.responseCode = lastResponseCode == 0 ? nil : lastResponseCode
                error.serverReply = SMTPReplyText.lastReply(in: headerLines)
            }
            discardKeptConnection()
        }
        return error
    }

    /// The SMTP step from the last command sent; before the first one, whether the
    /// connection (and for `smtps://` its TLS handshake) was established.
    private func smtpPhase() -> CurlError.Phase? {
        switch dialogue.lastCommand {
        case .none:
            guard !dialogue.sawReply else { return .greeting }
            let connected = (offsetInfo(CURLINFO_CONNECT_TIME_T) ?? 0) > 0
            let tlsFirst = url.lowercased().hasPrefix("smtps://")
            let handshaken = !tlsFirst || (offsetInfo(CURLINFO_APPCONNECT_TIME_T) ?? 0) > 0
            return connected && handshaken ? .greeting : .connect
        case .ehlo: return .ehlo
        case .startTLS: return .startTLS
        case .auth: return .auth
        case .mailFrom: return .mailFrom
        case .rcptTo: return .rcptTo
        case .data: return .data
        case .quit, .other: return nil
        }
    }

    /// Not yet connected (no pre-transfer time: TCP, TLS and any proxy tunnel come
    /// first, a reused connection has one at once), the request body not all sent,
    /// or waiting for or receiving the response.
    private func httpPhase() -> CurlError.Phase {
        guard (offsetInfo(CURLINFO_PRETRANSFER_TIME_T) ?? 0) > 0 else { return .connect }
        if requestBodyBytes > 0, (offsetInfo(CURLINFO_SIZE_UPLOAD_T) ?? 0) < Int64(requestBodyBytes) {
            return .request
        }
        return .response
    }

    /// A `curl_off_t` value (times in microseconds, sizes in bytes), if available.
    private func offsetInfo(_ info: CURLINFO) -> Int64? {
        var value: curl_off_t = 0
        guard kado_curl_getinfo_off(handle, info, &value) == CURLE_OK else { return nil }
        return Int64(value)
    }

    /// Shuts down the connection of a failed SMTP opening, if libcurl still holds one.
    ///
    /// Closed by libcurl later (at `curl_easy_cleanup`), a connection whose opening
    /// stopped mid-dialogue would get a `QUIT` and a synchronous wait for its reply, up to
    /// the server response timeout, on the transfer thread. A shut-down socket reads as
    /// dead: the `QUIT` fails at once. When libcurl closed the connection itself no
    /// socket is found here. The descriptor stays libcurl's to close.
    private func discardKeptConnection() {
        var socket = curl_socket_t(CURL_SOCKET_BAD)
        guard kado_curl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK,
            socket != CURL_SOCKET_BAD
        else { return }
        _ = shutdown(socket, Int32(SHUT_RDWR))
    }
}
