extension CurlError {
    /// The URL without user info (`user:password@`), query and fragment, so that an
    /// error message never carries credentials or tokens.
    static func redacted(_ url: String) -> String {
        var rest = Substring(url)
        var scheme = Substring()
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            let afterSlashes = rest.index(colon, offsetBy: 3)
            scheme = rest[..<afterSlashes]
            rest = rest[afterSlashes...]
        }
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            rest = rest[..<cut]
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@") {
            rest = rest[rest.index(after: at)...]
        }
        return String(scheme + rest)
    }
}
