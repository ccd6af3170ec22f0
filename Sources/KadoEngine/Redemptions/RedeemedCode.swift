import Foundation

/// A code as the API answers for it: the promo it belongs to, its terms and, once
/// claimed, when.
package struct RedeemedCode: Sendable, Hashable {
    package var promoID: Int
    package var ruleID: String
    package var code: String
    package var userID: Int
    package var terms: PromoTerms
    package var discount: DiscountQuote
    /// When the user's claim was made (nil for a validation of an unclaimed code).
    package var claimedAt: Date?

    package init(
        promoID: Int, ruleID: String, code: String, userID: Int, terms: PromoTerms, discount: DiscountQuote,
        claimedAt: Date?
    ) {
        self.promoID = promoID
        self.ruleID = ruleID
        self.code = code
        self.userID = userID
        self.terms = terms
        self.discount = discount
        self.claimedAt = claimedAt
    }
}
