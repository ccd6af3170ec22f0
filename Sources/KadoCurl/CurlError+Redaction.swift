import KadoURL

extension CurlError {
    /// The URL without user info (`user:password@`), query and fragment, so that an
    /// error message never carries credentials or tokens (``URLCheck/redacted(_:)``).
    static func redacted(_ url: String) -> String {
        URLCheck.redacted(url)
    }
}
