import CCurl

/// An owned `curl_slist` (header fields, SMTP recipients), freed on deinit. A
/// ``CurlTransfer`` keeps its lists until the easy handle is cleaned up.
final class CurlSlist {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    /// Builds the list; throws if libcurl runs out of memory.
    init(_ items: [String], url: String) throws(CurlError) {
        for item in items {
            guard let next = curl_slist_append(pointer, item) else {
                throw CurlError(code: .outOfMemory, detail: "curl_slist_append failed", url: url)
            }
            pointer = next
        }
    }

    deinit {
        curl_slist_free_all(pointer)
    }
}
