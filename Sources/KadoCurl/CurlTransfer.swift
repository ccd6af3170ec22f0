import CCurl

/// One libcurl easy handle together with everything libcurl points into while the
/// transfer runs: the error buffer, the header lists and the receive buffers. The C callbacks get an unretained pointer to this object,
/// so whoever runs the transfer keeps it alive until the handle is done.
///
/// Not thread-safe and not `Sendable`: the submitting task configures it, then hands
/// it over (`sending`) to the engine thread, which alone touches it afterwards.
final class CurlTransfer {
    /// Which protocol family the handle was configured for.
    enum Kind {
        case http
        case smtp
    }

    /// The `CURL *` handle.
    let handle: UnsafeMutableRawPointer
    let kind: Kind
    let url: String
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var lists: [CurlSlist] = []
    /// Where the handle came from and goes back to; nil: created here and freed here.
    private let handles: CurlHandlePool?

    // State used by the C callbacks (see CurlTransfer+Callbacks.swift).
    var body: [UInt8] = []
    var maxBodyBytes = Int.max
    var headerLines: [String] = []
    /// Set by a callback that aborts the transfer; reported instead of libcurl's text.
    var callbackFailure: String?
    /// SMTP: how far the dialogue got (see CurlSMTPDialogue.swift).
    var dialogue = CurlSMTPDialogue()
    /// HTTP: the length of the request body, to tell a request still being sent.
    var requestBodyBytes = 0

    /// Takes a handle (from `handles` when given, else a new one) and sets the options
    /// every transfer needs: no signals, the error buffer, the URL and the callbacks.
    init(kind: Kind, url: String, handles: CurlHandlePool? = nil) throws(CurlError) {
        try CurlGlobal.ensureInitialized()
        let made = if let handles { handles.take() } else { curl_easy_init() }
        guard let handle = made else {
            throw CurlError(code: .failedInit, detail: "curl_easy_init failed", url: url)
        }
        self.handle = handle
        self.kind = kind
        self.url = url
        self.handles = handles
        let size = Int(CURL_ERROR_SIZE)
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        try set(CURLOPT_URL, url)
        try installCallbacks()
    }

    deinit {
        // Reset (or freed) before the error buffer it points to goes.
        if let handles {
            handles.giveBack(handle)
        } else {
            curl_easy_cleanup(handle)
        }
        errorBuffer.deallocate()
    }

    /// Sets a `long` option.
    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(kado_curl_setopt_long(handle, option, value), option)
    }

    /// Sets a `curl_off_t` option.
    func set(_ option: CURLoption, offset value: Int64) throws(CurlError) {
        try check(kado_curl_setopt_off(handle, option, curl_off_t(value)), option)
    }

    /// Sets a string option; libcurl copies the string.
    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(kado_curl_setopt_string(handle, option, value), option)
    }

    /// Sets a pointer option; the pointee must outlive the transfer.
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(CurlError) {
        try check(kado_curl_setopt_pointer(handle, option, pointer), option)
    }

    /// Sets a list option; the list is kept until this transfer is released.
    func set(_ option: CURLoption, list items: [String]) throws(CurlError) {
        let list = try CurlSlist(items, url: url)
        lists.append(list)
        try check(kado_curl_setopt_slist(handle, option, list.pointer), option)
    }

    /// Throws unless `result` is `CURLE_OK`.
    func check(_ result: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard result != CURLE_OK else { return }
        throw CurlError(result, detail: "setting option \(option.rawValue) failed", url: url)
    }

    /// Reads the results after libcurl reported the transfer done with `result`.
    ///
    /// Call it before `curl_multi_remove_handle`: after a failed SMTP opening it shuts
    /// down the connection, which it can only find while the handle is still in the
    /// multi handle.
    func finish(_ result: CURLcode) -> Result<CurlTransferOutcome, CurlError> {
        var responseCode = 0
        _ = kado_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
        guard result == CURLE_OK else {
            let detail = callbackFailure ?? String(cString: errorBuffer)
            return .failure(failure(result, detail: detail, lastResponseCode: responseCode))
        }
        return .success(
            CurlTransferOutcome(responseCode: responseCode, headerLines: headerLines, body: body))
    }
}
