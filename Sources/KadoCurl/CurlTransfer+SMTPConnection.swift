import CCurl

extension CurlTransfer {
    /// A transfer that only opens an SMTP session for `server` (`CURLOPT_CONNECT_ONLY`):
    /// libcurl connects, reads the greeting, says `EHLO`, upgrades with `STARTTLS` and
    /// logs in, then hands the connection over. ``SMTPSession`` speaks the messages
    /// themselves over it (`curl_easy_send` / `curl_easy_recv`, TLS still libcurl's).
    /// The reply lines of that opening (the `EHLO` capabilities among them) arrive
    /// through the header callback.
    static func smtpConnection(to server: SMTPServerKey, timeout: Duration) throws(CurlError) -> CurlTransfer
    {
        let transfer = try CurlTransfer(kind: .smtp, url: server.url)
        try transfer.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try transfer.set(CURLOPT_CONNECT_ONLY, 1)
        try transfer.set(CURLOPT_TIMEOUT_MS, timeout.curlMilliseconds)
        try transfer.set(CURLOPT_CONNECTTIMEOUT_MS, server.connectTimeout.curlMilliseconds)
        try transfer.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, (timeout.curlMilliseconds + 999) / 1000))
        let useSSL =
            switch server.tls {
            case .none: CURLUSESSL_NONE
            case .startTLSIfOffered: CURLUSESSL_TRY
            case .startTLSRequired, .implicit: CURLUSESSL_ALL
            }
        try transfer.set(CURLOPT_USE_SSL, Int(useSSL.rawValue))
        if let username = server.username {
            try transfer.set(CURLOPT_USERNAME, username)
        }
        if let password = server.password {
            try transfer.set(CURLOPT_PASSWORD, password)
        }
        if server.insecureSkipVerify {
            try transfer.set(CURLOPT_SSL_VERIFYPEER, 0)
            try transfer.set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        try transfer.installDialogueTracking()
        return transfer
    }

    /// The connected socket of a finished connect-only transfer.
    var activeSocket: curl_socket_t? {
        var socket = curl_socket_t(CURL_SOCKET_BAD)
        guard kado_curl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK,
            socket != CURL_SOCKET_BAD
        else { return nil }
        return socket
    }

    /// Whether the connection is encrypted (`CURLINFO_TLS_SSL_PTR` has a TLS session).
    var usesTLS: Bool {
        var pointer: UnsafeMutableRawPointer?
        guard kado_curl_getinfo_pointer(handle, CURLINFO_TLS_SSL_PTR, &pointer) == CURLE_OK, let pointer
        else {
            return false
        }
        return pointer.assumingMemoryBound(to: curl_tlssessioninfo.self).pointee.internals != nil
    }
}
