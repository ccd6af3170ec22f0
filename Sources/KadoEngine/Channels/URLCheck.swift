/// Checks that a setting is a URL with one of the given schemes; empty passes
/// (an empty value means "not configured" and is handled by the provider).
func urlCheck(schemes: [String]) -> @Sendable (String) -> String? {
    { value in
        guard !value.isEmpty else { return nil }
        guard let colon = value.firstRange(of: "://") else {
            return
                "'\(value)' is not a URL (expected \(schemes.map { "\($0)://" }.joined(separator: " or ")))"
        }
        let scheme = value[..<colon.lowerBound].lowercased()
        guard schemes.contains(scheme) else {
            return
                "unsupported URL scheme '\(scheme)' (expected \(schemes.map { "\($0)://" }.joined(separator: " or ")))"
        }
        if value[colon.upperBound...].isEmpty { return "URL '\(value)' has no host" }
        return nil
    }
}

/// Removes credentials from a URL for display.
func redactedURL(_ url: String) -> String {
    guard let scheme = url.firstRange(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@")
    else {
        return url
    }
    return String(url[..<scheme.upperBound]) + "***@" + String(url[url.index(after: at)...])
}
