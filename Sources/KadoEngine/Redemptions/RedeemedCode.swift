import Foundation

/// A code as the API answers for it: the promo it belongs to, its terms and, once
/// claimed, when.
public struct RedeemedCode: Sendable, Hashable {
    public var promoID: Int
    public var ruleID: String
    public var code: String
    public var userID: Int
    public var terms: PromoTerms
    public var discount: DiscountQuote
    /// When the user's claim was made (nil for a validation of an unclaimed code).
    public var claimedAt: Date?

    public init(
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
