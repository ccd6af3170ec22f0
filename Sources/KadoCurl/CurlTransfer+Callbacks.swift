import CCurl

// The C callbacks receive the transfer as an unretained `userdata` pointer. They never
// throw: a failure is stored in `callbackFailure` and signalled to libcurl by the
// return value, which makes the transfer end with an error.

extension CurlTransfer {
    /// Points the write and header callbacks at this transfer, and sets a read callback
    /// that has nothing to give, so that libcurl never falls back to reading stdin (request
    /// bodies go in `CURLOPT_COPYPOSTFIELDS`).
    func installCallbacks() throws(CurlError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(
            kado_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteBody), CURLOPT_WRITEFUNCTION)
        try set(CURLOPT_WRITEDATA, pointer: context)
        try check(
            kado_curl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader), CURLOPT_HEADERFUNCTION
        )
        try set(CURLOPT_HEADERDATA, pointer: context)
        try check(
            kado_curl_setopt_read_callback(handle, CURLOPT_READFUNCTION, curlReadNothing),
            CURLOPT_READFUNCTION
        )
    }

    /// Appends response bytes; refuses them past `maxBodyBytes`.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard bytes.count <= maxBodyBytes - body.count else {
            callbackFailure = "response body exceeds the limit of \(maxBodyBytes) bytes"
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Follows the SMTP dialogue through libcurl's debug callback: only the command
    /// lines it sends matter (the replies come through the header callback). Nothing of
    /// the line is kept beyond the command it names.
    func installDialogueTracking() throws(CurlError) {
        try check(kado_curl_setopt_debug_callback(handle, curlDebug), CURLOPT_DEBUGFUNCTION)
        try set(CURLOPT_DEBUGDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
        try set(CURLOPT_VERBOSE, 1)
    }

    /// Records one header line (HTTP) or reply line (SMTP) without its line end.
    fileprivate func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        if kind == .smtp {
            // The reply to the QUIT of a closing connection is not part of the delivery.
            guard !dialogue.isClosing else { return bytes.count }
            dialogue.received(bytes)
        }
        // The line without its CR and LF, trimmed on the bytes: decoded once, no walk by
        // characters.
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        headerLines.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self))
        return bytes.count
    }
}

private func transfer(_ context: UnsafeMutableRawPointer) -> CurlTransfer {
    Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
}

private let curlWriteBody: kado_curl_data_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    return transfer(context).receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}

private let curlWriteHeader: kado_curl_data_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    return transfer(context).receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
}

private let curlReadNothing: kado_curl_read_callback = { _, _, _, _ in 0 }

private let curlDebug: kado_curl_debug_callback = { _, type, data, size, context in
    // CURLINFO_HEADER_OUT is what libcurl writes to the server outside the body: for
    // SMTP each command line (AUTH arguments included). Everything else (libcurl's own
    // text, replies, body and TLS bytes) is ignored.
    guard type == CURLINFO_HEADER_OUT, let data, let context else { return 0 }
    transfer(context).dialogue.sent(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
