import Crypto
import Foundation

/// What an unsubscribe link says: this user of this tenant wants no more messages on
/// this channel. Signed with the tenant's secret (HMAC-SHA256, swift-crypto), so it
/// cannot be forged or guessed:
///
///     v1.sayakaya.email.42.<43 characters of base64url HMAC>
///
/// The parts are readable (tenant and channel ids never hold a `.`); the code covers
/// all of them, and is checked in constant time.
package struct UnsubscribeToken: Sendable, Hashable {
    package var tenantID: String
    package var channel: String
    package var userID: Int

    package init(tenantID: String, channel: String, userID: Int) {
        self.tenantID = tenantID
        self.channel = channel
        self.userID = userID
    }

    static let version = "v1"

    /// The signed text of the token.
    package func signed(with secret: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: secret)
        return [Self.version, tenantID, channel, String(userID), Self.base64URL(Data(mac))].joined(
            separator: ".")
    }

    /// What the code covers: a domain tag and every part, so no token of another kind
    /// (or another version) can pass for one.
    private var message: String {
        ["kado-unsubscribe", Self.version, tenantID, channel, String(userID)].joined(separator: "\n")
    }

    /// Why a token is refused.
    package enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// Not of the token's shape (cut short, extra parts, not base64url).
        case malformed
        /// Of the right shape, but its tenant is unknown or has no unsubscribe secret.
        case unknownTenant
        /// The code does not match: forged or altered.
        case badSignature

        package var description: String {
            switch self {
            case .malformed: return "this unsubscribe link is not complete"
            case .unknownTenant: return "this unsubscribe link is not valid"
            case .badSignature: return "this unsubscribe link is not valid"
            }
        }
    }

    /// The parts of `text` before its signature is checked.
    package static func parse(_ text: String) throws(Problem) -> (token: UnsubscribeToken, mac: Data) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == version, !parts[1].isEmpty, !parts[2].isEmpty,
            parts[3].count <= 19, parts[3].allSatisfy({ $0.isASCII && $0.isNumber }),
            let userID = Int(parts[3]), let mac = decodeBase64URL(String(parts[4])),
            mac.count == SHA256.byteCount
        else { throw .malformed }
        return (UnsubscribeToken(tenantID: String(parts[1]), channel: String(parts[2]), userID: userID), mac)
    }

    /// Checks `text` against the secret `secret(tenantID)`; the token when it is genuine.
    package static func verify(_ text: String, secret: (String) -> SymmetricKey?) throws(Problem)
        -> UnsubscribeToken
    {
        let (token, mac) = try parse(text)
        guard let key = secret(token.tenantID) else { throw .unknownTenant }
        guard
            HMAC<SHA256>.isValidAuthenticationCode(
                mac, authenticating: Array(token.message.utf8), using: key)
        else { throw .badSignature }
        return token
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        ).replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> Data? {
        guard
            text.utf8.allSatisfy({ byte in
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2D || byte == 0x5F
            }), text.count % 4 != 1
        else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
