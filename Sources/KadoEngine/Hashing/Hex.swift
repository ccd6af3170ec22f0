import Crypto

/// Lower-case hexadecimal of bytes (digests, MACs), and the SHA-256 helpers kado uses,
/// over swift-crypto (BoringSSL's implementations).
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` as lower-case hex, two digits a byte.
    static func string(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hex SHA-256 of `text`'s UTF-8 bytes.
    static func sha256(_ text: String) -> String {
        string(SHA256.hash(data: Array(text.utf8)))
    }

    /// The hex HMAC-SHA256 of `message` under `key`.
    static func hmacSHA256(_ message: [UInt8], key: [UInt8]) -> String {
        string(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
