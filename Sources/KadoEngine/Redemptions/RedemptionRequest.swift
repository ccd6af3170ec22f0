/// A code as a customer typed it, for one user, with the order it is for.
package struct RedemptionRequest: Sendable, Hashable {
    /// The code in upper case (codes are upper case; customers type them any way).
    package var code: String
    package var userID: Int
    /// The order's amount in the promo currency's units as the promo stores them
    /// (whole rupiah, whole euros); nil when not known.
    package var orderAmount: Int?

    /// Longest code accepted; longer ones cannot have been issued.
    package static let maximumCodeLength = 64
    /// User ids are PostgreSQL integers (`promo_eligibilities.user_id`).
    package static let userIDs = 0...Int(Int32.max)
    /// Largest order amount accepted (fits every computation without overflow).
    package static let maximumOrderAmount = 999_999_999_999_999

    /// Why a request cannot be asked at all.
    package struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        /// The field at fault (`code`, `user_id`, `order_amount`).
        package var field: String
        package var message: String
        package var description: String { message }
    }

    package init(code: String, userID: Int, orderAmount: Int? = nil) throws(Invalid) {
        guard !code.isEmpty else { throw Invalid(field: "code", message: "'code' must not be empty") }
        guard code.unicodeScalars.count <= Self.maximumCodeLength,
            code.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw Invalid(
                field: "code",
                message:
                    "'code' must be 1 to \(Self.maximumCodeLength) visible ASCII characters, without spaces (trim what the customer typed)"
            )
        }
        guard Self.userIDs.contains(userID) else {
            throw Invalid(field: "user_id", message: "'user_id' must be an integer from 0 to \(Int32.max)")
        }
        if let orderAmount, !(0...Self.maximumOrderAmount).contains(orderAmount) {
            throw Invalid(
                field: "order_amount",
                message: "'order_amount' must be an integer from 0 to \(Self.maximumOrderAmount)")
        }
        self.code = code.uppercased()
        self.userID = userID
        self.orderAmount = orderAmount
    }
}
