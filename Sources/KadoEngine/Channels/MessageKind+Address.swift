extension MessageKind {
    /// The address as providers take it: an email address as stored, a phone number in
    /// E.164 with the tenant's `phone_country` for numbers written in national form
    /// (`0812-0000-0011` is `+6281200000011` for Indonesia), or why it cannot be used.
    package func address(_ raw: String, tenant: TenantConfig) -> Result<String, PhoneNumber.Problem> {
        switch self {
        case .email:
            return .success(raw)
        case .whatsapp:
            return PhoneNumber.normalized(raw, countryCode: tenant.phoneCountry).map(\.e164)
        }
    }
}
