extension WebhookProvider {
    /// The `X-Kado-Signature` value: `sha256=` and the hex HMAC-SHA256, keyed with the
    /// secret, of `{timestamp}.{body}`. A receiver recomputes it over the raw body it
    /// got and the `X-Kado-Timestamp` header, compares in constant time, and rejects
    /// old timestamps to stop replays.
    package static func signature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        let signed = Array("\(timestamp).".utf8) + body
        return "sha256=" + Hex.hmacSHA256(signed, key: Array(secret.utf8))
    }
}
