/// What one redemption or release did; stored in `kado_redemptions.result` and counted
/// in `kado_redemptions_total{result}`.
package enum RedemptionResult: String, Sendable, Hashable, CaseIterable, Codable {
    /// The code was claimed for the user.
    case claimed
    /// A claim was released (order cancelled).
    case released
    /// No promo of the tenant has this code.
    case unknownCode = "unknown_code"
    /// The user is not in the promo's audience, or the code is another user's own code.
    case notEligible = "not_eligible"
    /// Before `valid_from` or at or after `valid_until`.
    case notValidNow = "not_valid_now"
    /// The user's claim exists already.
    case alreadyClaimed = "already_claimed"
    /// A release of a claim that does not exist.
    case notClaimed = "not_claimed"
}
