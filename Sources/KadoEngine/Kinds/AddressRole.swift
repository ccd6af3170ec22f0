/// Which of a recipient's addresses a message kind goes to: the audience's `email` or
/// `phone` column.
package enum AddressRole: String, Sendable, Hashable {
    case email
    case phone

    /// The address as providers take it: an email address as stored, a phone number in
    /// E.164 with the tenant's `phone_country` for numbers written in national form
    /// (`0812-0000-0011` is `+6281200000011` for Indonesia), or why it cannot be used.
    package func normalized(_ raw: String, tenant: TenantConfig) -> Result<String, PhoneNumber.Problem> {
        switch self {
        case .email:
            return .success(raw)
        case .phone:
            return PhoneNumber.normalized(raw, countryCode: tenant.phoneCountry).map(\.e164)
        }
    }

    /// How a person calls it: "email address", "phone number".
    package var noun: String {
        switch self {
        case .email: return "email address"
        case .phone: return "phone number"
        }
    }
}
