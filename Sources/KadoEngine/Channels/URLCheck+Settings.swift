import KadoURL

/// Checks that a setting is a URL with one of the given schemes (see ``URLCheck/check(schemes:)``).
func urlCheck(schemes: [String]) -> @Sendable (String) -> String? {
    URLCheck.check(schemes: schemes)
}

/// Removes credentials from a URL for display (see ``URLCheck/redacted(_:)``).
func redactedURL(_ url: String) -> String {
    URLCheck.redacted(url)
}
