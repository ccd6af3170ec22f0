import CCurl

/// The process-wide `curl_global_init`, run exactly once (a `static let` initializer
/// is lazy and thread-safe) before the first handle is created. It is never undone:
/// `curl_global_cleanup` is not safe while any other thread might still use libcurl.
enum CurlGlobal {
    private static let initResult: Int = Int(kado_curl_global_init_default().rawValue)

    /// Initializes libcurl on first use; throws if that failed.
    static func ensureInitialized() throws(CurlError) {
        guard initResult == CurlError.Code.ok.rawValue else {
            throw CurlError(
                code: CurlError.Code(rawValue: initResult), detail: "curl_global_init failed", url: "")
        }
    }
}
