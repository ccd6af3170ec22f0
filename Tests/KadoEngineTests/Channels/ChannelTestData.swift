import Foundation

@testable import KadoEngine

/// Messages and helpers shared by the channel tests.
enum ChannelTestData {
    /// A fixed instant: Wed, 25 Nov 2026 17:01:00 +0000.
    static let date = Date(timeIntervalSince1970: 1_795_626_060)

    static let email = RenderedEmail(
        from: "Toko Kado <promo@kado.example>",
        subject: "🎉 Selamat ulang tahun, 美咲!",
        html:
            "<p>Halo <b>美咲</b>, kode promo kamu: <code>KADO-123</code> 🎁</p>\n<p>Terima kasih — sampai jumpa.</p>\n",
        text: "Halo 美咲,\nkode promo kamu: KADO-123 🎁\n.baris mulai titik\nTerima kasih — sampai jumpa.\n")

    static let whatsapp = RenderedWhatsApp(
        templateName: "birthday_promo", language: "id", parameters: ["Budi \"B\" Santoso", "KADO-123\n🎁"],
        text: "Halo Budi, kode kamu KADO-123")

    static func emailMessage(
        to recipient: String = "misaki@example.com", name: String? = "美咲 Tanaka",
        email: RenderedEmail = email,
        id: Int64 = 42
    ) -> OutgoingMessage {
        OutgoingMessage(
            id: id, tenantID: "acme", channel: "email", recipient: recipient, recipientName: name,
            locale: "id",
            content: email)
    }

    static func whatsappMessage(to recipient: String = "+62 812-3456-7890", id: Int64 = 7) -> OutgoingMessage
    {
        OutgoingMessage(
            id: id, tenantID: "acme", channel: "wa", recipient: recipient, recipientName: "Budi",
            locale: "id",
            content: whatsapp)
    }

    /// Whether a result is `.sent`.
    static func isSent(_ result: DeliveryResult) -> Bool {
        if case .sent = result { return true }
        return false
    }

    /// The header section (up to the blank line) split into lines.
    static func headerLines(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        return head.components(separatedBy: "\r\n")
    }

    /// Whether every LF is preceded by CR and every CR followed by LF.
    static func hasOnlyCRLF(_ bytes: [UInt8]) -> Bool {
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A, index == 0 || bytes[index - 1] != 0x0D { return false }
            if byte == 0x0D, index + 1 >= bytes.count || bytes[index + 1] != 0x0A { return false }
        }
        return true
    }

    /// Every line, CRLF-separated.
    static func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
    }
}
