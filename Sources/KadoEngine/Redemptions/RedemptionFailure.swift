import Foundation

/// A code that cannot be validated, redeemed or released, with the reason a person
/// (the backend's developer, the customer) needs.
package struct RedemptionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    package var result: RedemptionResult
    /// For `already_claimed`: when the claim was made.
    package var claimedAt: Date?
    /// For `not_valid_now`: the promo's validity.
    package var validFrom: Date?
    package var validUntil: Date?

    package init(
        _ result: RedemptionResult, claimedAt: Date? = nil, validFrom: Date? = nil, validUntil: Date? = nil
    ) {
        self.result = result
        self.claimedAt = claimedAt
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    package var description: String {
        switch result {
        case .unknownCode: return "no promo of this tenant has this code"
        case .notEligible:
            return
                "the user is not eligible for this code (not in the promo's audience, or another user's own code)"
        case .notValidNow:
            let from = validFrom.map { ISO8601.string($0) } ?? "?"
            let until = validUntil.map { ISO8601.string($0) } ?? "?"
            return "the code is valid from \(from) until (not including) \(until)"
        case .alreadyClaimed:
            return "the user has claimed this code already"
                + (claimedAt.map { " (at \(ISO8601.string($0)))" } ?? "")
        case .notClaimed: return "the user has no claim of this code to release"
        case .claimed, .released: return result.rawValue
        }
    }
}
