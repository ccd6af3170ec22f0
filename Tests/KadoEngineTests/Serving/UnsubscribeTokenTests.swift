import Crypto
import Foundation
import KadoEngine
import Testing

@Suite("Unsubscribe tokens: HMAC-SHA256 over tenant, channel and user")
struct UnsubscribeTokenTests {
    let config = UnsubscribeConfig(
        publicURL: "https://promo.example.com/", secret: "a-secret-of-enough-length")

    func token(_ user: Int = 42) -> String {
        String(
            config.url(tenantID: "sayakaya", channel: "email", userID: user).dropFirst(
                "https://promo.example.com/u/".count))
    }

    func verify(_ text: String) throws(UnsubscribeToken.Problem) -> UnsubscribeToken {
        try UnsubscribeToken.verify(text) { $0 == "sayakaya" ? config.secret : nil }
    }

    @Test("the link is PUBLIC_URL/u/TOKEN and the token names tenant, channel and user")
    func roundTrip() throws {
        let url = config.url(tenantID: "sayakaya", channel: "email", userID: 42)
        #expect(url.hasPrefix("https://promo.example.com/u/v1.sayakaya.email.42."))
        #expect(url.count == "https://promo.example.com/u/v1.sayakaya.email.42.".count + 43)
        #expect(try verify(token()) == UnsubscribeToken(tenantID: "sayakaya", channel: "email", userID: 42))
        #expect(token(42) != token(43))
    }

    @Test("forged, altered, truncated or foreign tokens are refused")
    func refused() throws {
        let good = token()
        let parts = good.split(separator: ".").map(String.init)
        let other = UnsubscribeConfig(
            publicURL: "https://x.example", secret: "another-secret-of-enough-length")
        let foreign = String(
            other.url(tenantID: "sayakaya", channel: "email", userID: 42).split(separator: "/").last!)
        let cases: [(String, UnsubscribeToken.Problem)] = [
            (String(good.dropLast()), .malformed),
            (String(good.dropLast(2)), .malformed),
            (good + "A", .malformed),
            ([parts[0], parts[1], parts[2], "43", parts[4]].joined(separator: "."), .badSignature),
            ([parts[0], parts[1], "whatsapp", parts[3], parts[4]].joined(separator: "."), .badSignature),
            ([parts[0], "lunaria", parts[2], parts[3], parts[4]].joined(separator: "."), .unknownTenant),
            (foreign, .badSignature),
            ("v2." + parts.dropFirst().joined(separator: "."), .malformed),
            ([parts[0], parts[1], parts[2], "-42", parts[4]].joined(separator: "."), .malformed),
            (
                [
                    parts[0], parts[1], parts[2], parts[3],
                    parts[4].replacingOccurrences(of: parts[4].prefix(1), with: "+"),
                ].joined(separator: "."), .malformed
            ),
            ("", .malformed),
        ]
        for (text, problem) in cases {
            #expect(throws: problem, "\(text)") { try verify(text) }
        }
    }

    @Test("the signature is swift-crypto's HMAC-SHA256 of the documented message")
    func signature() throws {
        let mac = HMAC<Crypto.SHA256>.authenticationCode(
            for: Array("kado-unsubscribe\nv1\nsayakaya\nemail\n42".utf8),
            using: SymmetricKey(data: Array("a-secret-of-enough-length".utf8)))
        let base64URL = Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(token().hasSuffix("." + base64URL))
    }
}
