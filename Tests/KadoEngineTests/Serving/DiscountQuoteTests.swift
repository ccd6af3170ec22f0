import Foundation
import KadoEngine
import Testing

@Suite("What a promo takes off an order")
struct DiscountQuoteTests {
    static func terms(_ type: String, amount: Int? = nil, percent: Double? = nil, cap: Int? = nil)
        -> PromoTerms
    {
        PromoTerms(
            promoName: "p", occurrenceDate: LocalDate("2026-03-15")!, endDate: LocalDate("2026-03-15")!,
            validFrom: Date(), validUntil: Date(), discountType: type, amount: amount, percent: percent,
            cap: cap,
            currency: "EUR")
    }

    @Test(
        "percent, rounded down, up to the cap, never more than the order",
        arguments: [
            (15.0, 20, 0, 0), (15.0, 20, 10, 1), (15.0, 20, 133, 19), (15.0, 20, 200, 20),
            (15.0, 20, 100_000, 20),
            (12.5, 1_000_000, 333, 41), (100.0, 50, 30, 30),
            (0.01, 999_999_999_999_999, 999_999_999_999_999, 99_999_999_999),
        ])
    func percent(percent: Double, cap: Int, order: Int, off: Int) {
        #expect(
            DiscountQuote(terms: Self.terms("percent", percent: percent, cap: cap), orderAmount: order)
                .amountOff == off)
    }

    @Test("percent without a cap, and without an order amount")
    func uncapped() {
        #expect(DiscountQuote(terms: Self.terms("percent", percent: 15), orderAmount: 1_000).amountOff == 150)
        #expect(
            DiscountQuote(terms: Self.terms("percent", percent: 15, cap: 20), orderAmount: nil).amountOff
                == nil)
    }

    @Test("fixed: the amount, or the order when it is smaller")
    func fixed() {
        let terms = Self.terms("fixed", amount: 10_000)
        #expect(DiscountQuote(terms: terms, orderAmount: nil).amountOff == 10_000)
        #expect(DiscountQuote(terms: terms, orderAmount: 5_000).amountOff == 5_000)
        #expect(DiscountQuote(terms: terms, orderAmount: 250_000).amountOff == 10_000)
    }

    @Test(
        "requests: codes of visible ASCII up to 64, user ids of PostgreSQL's integer, orders up to 10^15 - 1")
    func requests() throws {
        #expect(try RedemptionRequest(code: "bday-x1", userID: 1).code == "BDAY-X1")
        for (code, user, order) in [
            ("", 1, nil), (" BDAY", 1, nil), ("BDÄY", 1, nil), (String(repeating: "A", count: 65), 1, nil),
            ("A", -1, nil), ("A", Int(Int32.max) + 1, nil), ("A", 1, -1), ("A", 1, 1_000_000_000_000_000),
        ] as [(String, Int, Int?)] {
            #expect(throws: RedemptionRequest.Invalid.self, "\(code) \(user) \(order ?? 0)") {
                try RedemptionRequest(code: code, userID: user, orderAmount: order)
            }
        }
    }
}
