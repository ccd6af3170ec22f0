import Testing

@testable import KadoEngine

@Suite("SMS segments: GSM-7 or UCS-2, as carriers count and bill them")
struct SMSSegmentsTests {
    @Test("GSM-7: 160 in one segment, 153 per segment when split")
    func gsm7() {
        let a = String(repeating: "a", count: 160)
        let one = SMSSegments(a)
        #expect(one.encoding == .gsm7 && one.length == 160 && one.count == 1)
        #expect(SMSSegments(a + "b").count == 2)
        #expect(SMSSegments(String(repeating: "x", count: 306)).count == 2)
        #expect(SMSSegments(String(repeating: "x", count: 307)).count == 3)
        #expect(SMSSegments("").count == 0)
        // The GSM alphabet's own accented letters, and the Dutch and Indonesian texts kado ships.
        #expect(
            SMSSegments(
                "Gefeliciteerd Anna! Deze week 15% korting, geldig t/m 21 maart. éèùìòÇØøÅåÄÖÑÜäöñüà§¿¡£¥"
            ).encoding == .gsm7)
    }

    @Test("the extension table takes two septets, and a split never cuts an escape pair")
    func extensionTable() {
        #expect(SMSSegments("€").length == 2)
        #expect(SMSSegments("{[~]}|^\\").length == 16)
        // 159 + € = 161 septets: two segments; 152 letters and € fill the first exactly (154 > 153: € moves on).
        #expect(SMSSegments(String(repeating: "a", count: 159) + "€").count == 2)
        let pair = SMSSegments(String(repeating: "a", count: 152) + "€" + String(repeating: "b", count: 152))
        #expect(
            pair.length == 306 && pair.count == 3, "the € does not fit in the first segment's last septet")
    }

    @Test("UCS-2 when any character is outside GSM-7: 70 in one, 67 per segment, an emoji takes two")
    func ucs2() {
        #expect(SMSSegments("Selamat ulang tahun ê").encoding == .ucs2)
        let one = SMSSegments(String(repeating: "美", count: 70))
        #expect(one.encoding == .ucs2 && one.length == 70 && one.count == 1)
        #expect(SMSSegments(String(repeating: "美", count: 71)).count == 2)
        #expect(SMSSegments("🎁").length == 2)
        #expect(
            SMSSegments(String(repeating: "a", count: 66) + "🎁" + String(repeating: "a", count: 10)).count
                == 2)
        #expect(SMSSegments("a\u{00A0}b").encoding == .ucs2, "a no-break space is not GSM-7")
    }

    @Test("look-alikes become GSM-7: a formatted € 20 does not turn the message into UCS-2")
    func lookalikes() {
        #expect(
            SMSKind.gsmLookalikes("max. €\u{00A0}20 – “Sanne’s” deal…") == "max. € 20 - \"Sanne's\" deal...")
        #expect(SMSSegments(SMSKind.gsmLookalikes("€\u{202F}20")).encoding == .gsm7)
        #expect(SMSKind.gsmLookalikes("selamat 🎁") == "selamat 🎁")
    }

    @Test("what validate counts: the text without its tags")
    func withoutTags() {
        #expect(SMSKind.withoutTags("Hi {{user.first_name}}, {{{promo.code}}}!{{#x}} y{{/x}}") == "Hi , ! y")
        #expect(SMSKind.withoutTags("unclosed {{tag") == "unclosed ")
    }
}
