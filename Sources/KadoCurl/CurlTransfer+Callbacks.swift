import CCurl

// The C callbacks receive the transfer as an unretained `userdata` pointer. They never
// throw: a failure is stored in `callbackFailure` and signalled to libcurl by the
// return value, which makes the transfer end with an error.

extension CurlTransfer {
    /// Points the write, header, read and seek callbacks at this transfer. The read
    /// callback is always set so that libcurl never falls back to reading stdin.
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
            kado_curl_setopt_read_callback(handle, CURLOPT_READFUNCTION, curlReadUpload), CURLOPT_READFUNCTION
        )
        try set(CURLOPT_READDATA, pointer: context)
        try check(
            kado_curl_setopt_seek_callback(handle, CURLOPT_SEEKFUNCTION, curlSeekUpload), CURLOPT_SEEKFUNCTION
        )
        try set(CURLOPT_SEEKDATA, pointer: context)
    }

    /// Makes this an upload of `bytes` through the read callback.
    func installUpload(_ bytes: [UInt8]) throws(CurlError) {
        upload = bytes
        uploadOffset = 0
        try set(CURLOPT_UPLOAD, 1)
        try set(CURLOPT_INFILESIZE_LARGE, offset: Int64(bytes.count))
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
        var line = Substring(String(decoding: bytes, as: UTF8.self))
        while let last = line.last, last == "\n" || last == "\r" || last == "\r\n" {
            line = line.dropLast()
        }
        headerLines.append(String(line))
        return bytes.count
    }

    /// Copies the next part of the upload into libcurl's buffer; 0 at the end.
    fileprivate func fillUpload(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, upload.count - uploadOffset)
        guard count > 0 else { return 0 }
        upload.withUnsafeBytes { source in
            buffer.copyMemory(
                from: UnsafeRawBufferPointer(rebasing: source[uploadOffset..<uploadOffset + count]))
        }
        uploadOffset += count
        return count
    }

    /// Moves the upload position (libcurl rewinds to resend on a new connection).
    fileprivate func seekUpload(to offset: Int64, origin: Int32) -> Int32 {
        guard origin == SEEK_SET, offset >= 0, offset <= Int64(upload.count) else {
            return Int32(CURL_SEEKFUNC_CANTSEEK)
        }
        uploadOffset = Int(offset)
        return Int32(CURL_SEEKFUNC_OK)
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

private let curlReadUpload: kado_curl_read_callback = { buffer, size, count, context in
    guard let buffer, let context else { return 0 }
    return transfer(context).fillUpload(UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
}

private let curlDebug: kado_curl_debug_callback = { _, type, data, size, context in
    // CURLINFO_HEADER_OUT is what libcurl writes to the server outside the body: for
    // SMTP each command line (AUTH arguments included). Everything else (libcurl's own
    // text, replies, body and TLS bytes) is ignored.
    guard type == CURLINFO_HEADER_OUT, let data, let context else { return 0 }
    transfer(context).dialogue.sent(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

private let curlSeekUpload: kado_curl_seek_callback = { context, offset, origin in
    guard let context else { return Int32(CURL_SEEKFUNC_FAIL) }
    return transfer(context).seekUpload(to: Int64(offset), origin: origin)
}
