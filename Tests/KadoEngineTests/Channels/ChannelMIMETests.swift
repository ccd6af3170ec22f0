import Foundation
import KadoTestSupport
import Testing

@testable import KadoEngine

@Suite(
    "Channel MIME message", .tags(.fakes),
    .enabled(if: FakeServer.pythonAvailable, "python3 is needed to parse messages"))
struct ChannelMIMETests {
    static let messageID = "<kado.acme.42.0123456789abcdef@kado.example>"

    @Test func pythonReadsSubjectPartsAndHeaders() throws {
        let email = ChannelTestData.email
        let bytes = try MIMEMessage.build(
            email, to: "misaki@example.com", recipientName: "美咲 Tanaka", date: ChannelTestData.date,
            messageID: Self.messageID)
        let mail = try ParsedMail.parse(bytes)

        #expect(mail.subject == "🎉 Selamat ulang tahun, 美咲!")
        #expect(mail.from == [["Toko Kado", "promo@kado.example"]])
        #expect(mail.to == [["美咲 Tanaka", "misaki@example.com"]])
        #expect(mail.message_id == Self.messageID)
        #expect(mail.date_epoch == 1_795_626_060)
        #expect(mail.mime_version == "1.0")
        #expect(mail.content_type == "multipart/alternative")
        #expect(mail.defects.isEmpty)
        #expect(mail.header_defects.isEmpty)
        #expect(mail.parts.map(\.content_type) == ["text/plain", "text/html"])
        #expect(mail.parts.map(\.charset) == ["utf-8", "utf-8"])
        #expect(mail.parts.map(\.transfer_encoding) == ["quoted-printable", "quoted-printable"])
        #expect(mail.parts.allSatisfy { $0.defects.isEmpty })
        #expect(mail.parts.first.map { normalized($0.content) } == email.text)
        #expect(mail.parts.last.map { normalized($0.content) } == email.html)

        let head = ChannelTestData.headerLines(bytes)
        #expect(head.contains("Date: Wed, 25 Nov 2026 17:01:00 +0000"))
        #expect(head.contains("MIME-Version: 1.0"))
        #expect(head.contains { $0.hasPrefix("Subject: =?UTF-8?B?") })
        #expect(ChannelTestData.hasOnlyCRLF(bytes))
        #expect(ChannelTestData.lines(bytes).allSatisfy { $0.utf8.count <= 78 })
        #expect(bytes.allSatisfy { $0 < 0x80 })
    }

    @Test func headerInjectionThroughNamesAndSubjectIsImpossible() throws {
        var email = ChannelTestData.email
        email.subject = "Promo\r\nBcc: evil@example.com\r\n\r\nbody"
        email.from = "Toko\r\nBcc: evil2@example.com <promo@kado.example>"
        let name = "<script>alert(1)</script>\r\nBcc: evil@example.com"
        let bytes = try MIMEMessage.build(
            email, to: "budi@example.com", recipientName: name, date: ChannelTestData.date,
            messageID: Self.messageID)
        let mail = try ParsedMail.parse(bytes)

        #expect(!mail.header_names.contains { $0.lowercased() == "bcc" })
        #expect(!ChannelTestData.lines(bytes).contains { $0.lowercased().hasPrefix("bcc") })
        #expect(mail.to == [["<script>alert(1)</script> Bcc: evil@example.com", "budi@example.com"]])
        #expect(mail.from.first?.last == "promo@kado.example")
        #expect(mail.subject == "Promo Bcc: evil@example.com body")
        #expect(mail.header_defects.isEmpty)
        #expect(ChannelTestData.hasOnlyCRLF(bytes))
    }

    @Test func badAddressesAreRejected() {
        for address in [
            "budi@example.com\r\nRCPT TO:<x@y.z>", "budi example@x.com", "a@b@c.com", "budi", "@example.com",
            "budi@", "budi@exa mple.com", "<budi@example.com>", "budi@-bad-.com", "bü@example.com", "",
        ] {
            #expect(throws: MIMEError.self, "\(address)") {
                _ = try MIMEMessage.build(
                    ChannelTestData.email, to: address, recipientName: nil, date: ChannelTestData.date,
                    messageID: Self.messageID)
            }
        }
        var badSender = ChannelTestData.email
        badSender.from = "Toko <promo@kado.example\r\nBcc: x@y.z>"
        #expect(throws: MIMEError.self) {
            _ = try MIMEMessage.build(
                badSender, to: "budi@example.com", recipientName: nil, date: ChannelTestData.date,
                messageID: Self.messageID)
        }
        #expect(throws: MIMEError.self) {
            _ = try MIMEMessage.build(
                ChannelTestData.email, to: "budi@example.com", recipientName: nil, date: ChannelTestData.date,
                messageID: "<a\r\nBcc: x@y.z>")
        }
    }

    @Test func longSubjectsAndNamesAreFoldedWithin78Characters() throws {
        var email = ChannelTestData.email
        let ascii = Array(repeating: "Diskon besar untuk pelanggan setia kami", count: 5).joined(
            separator: " ")
        let unicode = String(repeating: "🎉 Selamat ulang tahun, 美咲! ", count: 6)
        for subject in [ascii, unicode, String(repeating: "x", count: 120)] {
            email.subject = subject
            let name = String(repeating: "Nama Panjang Sekali ", count: 6) + "美咲"
            let bytes = try MIMEMessage.build(
                email, to: "budi@example.com", recipientName: name, date: ChannelTestData.date,
                messageID: Self.messageID)
            let mail = try ParsedMail.parse(bytes)
            #expect(ChannelTestData.headerLines(bytes).allSatisfy { $0.utf8.count <= 78 })
            #expect(mail.subject == MessageText.singleLine(subject))
            #expect(mail.to_rfc2047 == MessageText.singleLine(name) + " <budi@example.com>")
            #expect(mail.to.first.map { collapsed($0[0]) } == MessageText.singleLine(name))
            #expect(mail.header_defects.isEmpty)
        }
    }

    @Test func plainASCIISubjectStaysReadable() throws {
        var email = ChannelTestData.email
        email.subject = "Happy birthday, Budi!"
        let bytes = try MIMEMessage.build(
            email, to: "budi@example.com", recipientName: "Budi \"B\" Santoso", date: ChannelTestData.date,
            messageID: Self.messageID)
        let head = ChannelTestData.headerLines(bytes)
        #expect(head.contains("Subject: Happy birthday, Budi!"))
        #expect(head.contains("To: \"Budi \\\"B\\\" Santoso\" <budi@example.com>"))
        #expect(head.contains("From: \"Toko Kado\" <promo@kado.example>"))
        #expect(try ParsedMail.parse(bytes).to == [["Budi \"B\" Santoso", "budi@example.com"]])
    }

    @Test func longBodyLinesAndSpecialCharactersSurviveQuotedPrintable() throws {
        var email = ChannelTestData.email
        email.text = String(repeating: "é=ab ", count: 60) + "trailing space \nline\rCR only\r\n\tTab end\t"
        email.html = "<p>" + String(repeating: "a", count: 300) + "</p>"
        let bytes = try MIMEMessage.build(
            email, to: "budi@example.com", recipientName: nil, date: ChannelTestData.date,
            messageID: Self.messageID)
        let mail = try ParsedMail.parse(bytes)
        let body = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n\r\n").dropFirst()
        #expect(
            body.joined(separator: "\r\n").components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(mail.parts.first.map { normalized($0.content) } == normalized(email.text))
        #expect(mail.parts.last.map { normalized($0.content) } == email.html)
        #expect(mail.to == [["", "budi@example.com"]])
    }

    @Test func sameInputsGiveTheSameBytesAndBoundaryIsOutsideTheParts() throws {
        let first = try MIMEMessage.build(
            ChannelTestData.email, to: "budi@example.com", recipientName: "Budi", date: ChannelTestData.date,
            messageID: Self.messageID)
        let second = try MIMEMessage.build(
            ChannelTestData.email, to: "budi@example.com", recipientName: "Budi", date: ChannelTestData.date,
            messageID: Self.messageID)
        #expect(first == second)
        let boundary = try #require(try ParsedMail.parse(first).boundary)
        #expect(boundary.hasPrefix("=_kado_"))
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.components(separatedBy: "--" + boundary).count == 4)
    }

    @Test func deterministicMessageIDDependsOnTheRow() {
        let id = MIMEMessage.messageID(
            tenantID: "acme", outboxID: 42, channel: "email", recipient: "budi@example.com",
            senderDomain: "kado.example")
        #expect(id.hasPrefix("<kado.acme.42."))
        #expect(id.hasSuffix("@kado.example>"))
        #expect(MIMEMessage.isValidMessageID(id))
        let again = MIMEMessage.messageID(
            tenantID: "acme", outboxID: 42, channel: "email", recipient: "budi@example.com",
            senderDomain: "kado.example")
        let other = MIMEMessage.messageID(
            tenantID: "acme", outboxID: 43, channel: "email", recipient: "budi@example.com",
            senderDomain: "kado.example")
        #expect(id == again)
        #expect(id != other)
        let odd = MIMEMessage.messageID(
            tenantID: "a c>\r\nme", outboxID: 1, channel: "e", recipient: "r", senderDomain: "kado.example")
        #expect(MIMEMessage.isValidMessageID(odd))
        let random = MIMEMessage.randomMessageID(tenantID: "acme", outboxID: 1, senderDomain: "kado.example")
        #expect(MIMEMessage.isValidMessageID(random))
        #expect(
            random != MIMEMessage.randomMessageID(tenantID: "acme", outboxID: 1, senderDomain: "kado.example")
        )
    }

    @Test func senderParsing() throws {
        #expect(try MailAddress(parsing: "promo@kado.example") == MailAddress(address: "promo@kado.example"))
        let quoted = try MailAddress(parsing: "\"Toko \\\"Kado\\\"\" <promo@kado.example>")
        #expect(quoted.displayName == "Toko \"Kado\"")
        #expect(quoted.address == "promo@kado.example")
        #expect(quoted.domain == "kado.example")
        #expect(try MailAddress(parsing: "  SayaKaya <promo@sayakaya.id> ").displayName == "SayaKaya")
    }

    /// Runs of spaces as one: Python's structured-header parser keeps the folding
    /// space between two encoded-words in a display name (RFC 2047 says to drop it).
    private func collapsed(_ text: String) -> String {
        text.split(separator: " ").joined(separator: " ")
    }

    /// CRLF and lone CR read as LF, for comparing decoded bodies.
    private func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
