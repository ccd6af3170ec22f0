/// What a promo takes off an order: the discount as the API reports it.
package struct DiscountQuote: Sendable, Hashable {
    /// `fixed` or `percent`.
    package var type: String
    /// What comes off `order_amount`: the fixed amount, or the percentage of the order
    /// (rounded down to a whole unit) up to the cap, and never more than the order. Nil
    /// for a percent discount when the order amount is not known.
    package var amountOff: Int?
    package var currency: String
    /// The fixed amount (fixed discounts).
    package var amount: Int?
    /// The percentage (percent discounts).
    package var percent: Double?
    /// The most a percent discount takes off, when it has a cap.
    package var cap: Int?

    package init(terms: PromoTerms, orderAmount: Int?) {
        type = terms.discountType
        currency = terms.currency
        if terms.isPercent {
            percent = terms.percent
            cap = terms.cap
            amountOff = orderAmount.map { order in
                // Hundredths of a percent, in integers: exact, and no overflow for orders
                // up to RedemptionRequest.maximumOrderAmount.
                let hundredths = Int(((terms.percent ?? 0) * 100).rounded())
                let off = (order / 10_000) * hundredths + (order % 10_000) * hundredths / 10_000
                return min(off, terms.cap ?? off, order)
            }
        } else {
            amount = terms.amount
            let fixed = terms.amount ?? 0
            amountOff = orderAmount.map { min(fixed, $0) } ?? fixed
        }
    }
}
