import Crypto
import KadoYAML

/// One-click unsubscribe for a tenant (RFC 8058): where `kado serve` is reachable
/// (`public_url`) and the secret that signs the links (`unsubscribe.secret`, from the
/// environment). With both set, every email carries `List-Unsubscribe` and
/// `List-Unsubscribe-Post` and templates get `{{unsubscribe_url}}`.
package struct UnsubscribeConfig: Sendable {
    /// The public base URL without a trailing `/`, e.g. `https://promo.sayakaya.id`.
    package var publicURL: String
    /// The HMAC key of unsubscribe tokens (bytes: swift-crypto's key type is not Sendable).
    var secretBytes: [UInt8]

    /// The HMAC key of unsubscribe tokens.
    package var secret: SymmetricKey { SymmetricKey(data: secretBytes) }

    /// Fewer characters than this can be guessed.
    package static let minimumSecretLength = 16

    package init(publicURL: String, secret: String) {
        self.publicURL = Self.trimmed(publicURL)
        self.secretBytes = Array(secret.utf8)
    }

    /// The link that unsubscribes `userID` from `channel` of `tenantID`.
    package func url(tenantID: String, channel: String, userID: Int) -> String {
        let token = UnsubscribeToken(tenantID: tenantID, channel: channel, userID: userID)
        return publicURL + "/u/" + token.signed(with: secret)
    }

    static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    static let publicURLCheck: @Sendable (String) -> String? = { value in
        if value.isEmpty { return nil }
        if let problem = urlCheck(schemes: ["https", "http"])(value) { return problem }
        if value.contains("?") || value.contains("#") {
            return
                "'public_url' must be a base URL without a query or fragment, e.g. https://promo.example.com"
        }
        return nil
    }

    static let secretRule = StringRule(pattern: "^(.{16,})?$") { value in
        "an unsubscribe secret must be at least \(UnsubscribeConfig.minimumSecretLength) characters (e.g. `openssl rand -hex 32`); this one has \(value.count)"
    }

    static let publicURLField = FieldSchema(
        "public_url",
        .string(
            StringSchema(
                "Where `kado serve` is reachable from the internet, e.g. https://promo.sayakaya.id (use ${KADO_PUBLIC_URL}): unsubscribe links in emails point there. Empty: emails carry no unsubscribe link.",
                check: publicURLCheck)))

    static let schema = ObjectSchema(
        "One-click unsubscribe (RFC 8058): the secret that signs unsubscribe links.",
        fields: [
            FieldSchema(
                "secret",
                .string(
                    StringSchema(
                        "HMAC key for unsubscribe links, from the environment (${KADO_UNSUBSCRIBE_SECRET}); changing it invalidates links already sent. Empty: emails carry no unsubscribe link.",
                        rule: secretRule)))
        ])

    /// Nil unless both the public URL and the secret are set.
    init?(tenant node: YAMLNode) {
        guard let url = node.string("public_url"), !url.isEmpty, Self.publicURLCheck(url) == nil,
            let secret = node["unsubscribe"]?.string("secret"), secret.count >= Self.minimumSecretLength
        else { return nil }
        self.init(publicURL: url, secret: secret)
    }
}
