import Testing

@testable import KadoEngine

@Suite("Address checks and header text: the byte-level fast paths agree with the full checks")
struct MailAddressCheckTests {
    static let addresses = [
        "budi@example.com", "a.b-c_d+e@sub.example.co.id", "x@y", "budi@example.com\r\nRCPT TO:<x@y.z>",
        "budi example@x.com", "a@b@c.com", "budi", "@example.com", "budi@", "budi@exa mple.com",
        "<budi@example.com>", "budi@-bad-.com", "bü@example.com", "", ".a@x.com", "a.@x.com", "a..b@x.com",
        "a@x..com", "a@x.com.", "a@x_y.com", "a\"b@x.com", "a;b@x.com", "a:b@x.com", "a,b@x.com",
        "a(b)@x.com",
        "a[b]@x.com", "a\\b@x.com", String(repeating: "l", count: 64) + "@x.com",
        String(repeating: "l", count: 65) + "@x.com", "a@" + String(repeating: "d", count: 63) + ".com",
        "a@" + String(repeating: "d", count: 64) + ".com",
        "a@" + Array(repeating: String(repeating: "d", count: 60), count: 5).joined(separator: "."),
        "a@b.c-d.e", "a@b.-cd.e", "a@b.cd-.e", "tab\t@x.com", "del\u{7F}@x.com", "a@xn--bcher-kva.example",
    ]

    @Test("an address passes the byte check exactly when the worded check finds no problem")
    func addressChecksAgree() {
        for address in Self.addresses {
            #expect(
                MailAddress.isAcceptable(address.utf8) == (MailAddress.describeProblem(with: address) == nil),
                "\(address.debugDescription)")
        }
    }

    @Test("single-line and plain-ASCII checks agree with the scalar-by-scalar clean-up")
    func textChecksAgree() {
        for text in [
            "Happy birthday, Budi!", " leading", "trailing ", "two  spaces", "tab\there", "line\nbreak",
            "c1\u{85}control", "sep\u{2028}arator", "para\u{2029}", "é€🎉 美咲", "", "a", "=?UTF-8?B?x?=",
            "a=b?c",
            "€\u{80}",
        ] {
            #expect(
                MessageText.isSingleLine(text.utf8) == (MessageText.singleLine(text) == text),
                "\(text.debugDescription)")
        }
        #expect(MessageText.isPlainASCII("Happy birthday, Budi!"))
        #expect(!MessageText.isPlainASCII("=?UTF-8?B?x?="))
        #expect(MessageText.isPlainASCII("a = ? b"))
        #expect(!MessageText.isPlainASCII("é"))
    }

    @Test("Message-ID atoms keep plain text as it is and replace everything else")
    func atoms() {
        #expect(MIMEMessage.atom("sayakaya") == "sayakaya")
        #expect(MIMEMessage.atom("kado.example", dots: true) == "kado.example")
        #expect(MIMEMessage.atom("kado.example") == "kado-example")
        #expect(MIMEMessage.atom("a c>\r\nme") == "a-c--me")
        #expect(MIMEMessage.atom("") == "-")
    }
}
