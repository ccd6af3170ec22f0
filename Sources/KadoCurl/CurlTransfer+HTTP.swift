import CCurl

extension CurlTransfer {
    /// A transfer for an HTTP(S) request; only `http` and `https` URLs are allowed. Its
    /// handle comes from `handles` (and goes back there) when given.
    static func http(
        _ request: HTTPRequest, maxBodyBytes: Int, userAgent: String?, handles: CurlHandlePool? = nil
    ) throws(CurlError) -> CurlTransfer {
        try CurlInputCheck.http(request)
        let transfer = try CurlTransfer(kind: .http, url: request.url, handles: handles)
        transfer.maxBodyBytes = maxBodyBytes
        transfer.requestBodyBytes = request.body.count
        try transfer.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try transfer.set(CURLOPT_TIMEOUT_MS, request.timeout.curlMilliseconds)
        try transfer.set(CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.curlMilliseconds)
        if let userAgent {
            try transfer.set(CURLOPT_USERAGENT, userAgent)
        }
        try transfer.setMethod(request.method, body: request.body)
        if !request.headers.isEmpty {
            // "Name;" is libcurl's way to send a header with an empty value.
            let lines = request.headers.map { $0.1.isEmpty ? "\($0.0);" : "\($0.0): \($0.1)" }
            try transfer.set(CURLOPT_HTTPHEADER, list: lines)
        }
        return transfer
    }

    /// GET and HEAD use libcurl's own modes; any request with a body (and every POST)
    /// sends it with a copied `POSTFIELDS`; other methods go in `CUSTOMREQUEST`.
    private func setMethod(_ method: String, body: [UInt8]) throws(CurlError) {
        switch method.uppercased() {
        case "HEAD":
            try set(CURLOPT_NOBODY, 1)
            if method != "HEAD" { try set(CURLOPT_CUSTOMREQUEST, method) }
        case "GET" where body.isEmpty:
            try set(CURLOPT_HTTPGET, 1)
            if method != "GET" { try set(CURLOPT_CUSTOMREQUEST, method) }
        case let upper:
            if upper == "POST" || !body.isEmpty {
                try setPostBody(body)
            }
            if method != "POST" { try set(CURLOPT_CUSTOMREQUEST, method) }
        }
    }

    /// Copies the body into libcurl (size first, so binary bytes are fine). An empty
    /// body still gets a valid pointer: a null one would make libcurl read stdin.
    private func setPostBody(_ body: [UInt8]) throws(CurlError) {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
        let result =
            body.isEmpty
            ? "".withCString {
                kado_curl_setopt_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0))
            }
            : body.withUnsafeBytes {
                kado_curl_setopt_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))
            }
        try check(result, CURLOPT_COPYPOSTFIELDS)
    }
}
