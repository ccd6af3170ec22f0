import Crypto
import KadoYAML

/// A tenant's HTTP API settings (`api:` in tenant.yaml): the bearer keys its backend
/// sends to `kado serve`. Keys come from the environment (`${SAYAKAYA_API_KEY}`); only
/// their SHA-256 digests are kept, and a presented key is compared with every digest in
/// constant time.
package struct APIConfig: Sendable {
    /// Digests of the configured keys (empty values are left out: an unset
    /// `${VAR:-}` means no key, so the tenant's API answers 401).
    package var keyDigests: [[UInt8]] = []
    /// Where each key is written, in the order of ``keyDigests``.
    var keyMarks: [SourceMark] = []

    /// Fewer characters than this can be guessed.
    package static let minimumKeyLength = 16

    package init() {}

    /// A configuration with these keys (tests, tools).
    package init(keys: [String]) {
        keyDigests = keys.map(Self.digest)
    }

    package var isEnabled: Bool { !keyDigests.isEmpty }

    /// Whether `key` is one of this tenant's keys; looks at every key whatever matches.
    package func accepts(_ key: String) -> Bool {
        let presented = Self.digest(key)
        var found = false
        for digest in keyDigests where Self.constantTimeEqual(digest, presented) {
            found = true
        }
        return found
    }

    /// SHA-256 (swift-crypto) of the key's UTF-8 bytes: comparing digests of fixed length
    /// tells nothing about a key's length or prefix.
    static func digest(_ key: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(key.utf8)))
    }

    /// Whether two digests are equal, looking at every byte whatever differs first.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static let keyRule = StringRule(pattern: "^([!-~]{16,})?$") { value in
        "an API key must be at least \(APIConfig.minimumKeyLength) visible ASCII characters without spaces (e.g. `openssl rand -hex 32`); this one has \(value.count)"
    }

    static let schema = ObjectSchema(
        "The HTTP API (`kado serve`): who may redeem this tenant's codes.",
        fields: [
            FieldSchema(
                "keys",
                .array(
                    ArraySchema(
                        "Bearer keys of this tenant's backend (Authorization: Bearer KEY), from the environment, e.g. \"${SAYAKAYA_API_KEY}\"; empty values are ignored. Several keys allow rotation.",
                        items: .string(StringSchema("An API key, at least 16 characters.", rule: keyRule)))))
        ])

    init(node: YAMLNode?) {
        for item in node?["keys"]?.items ?? [] {
            guard let key = item.scalar?.value, !key.isEmpty, key.count >= Self.minimumKeyLength else {
                continue
            }
            keyDigests.append(Self.digest(key))
            keyMarks.append(item.mark)
        }
    }
}
