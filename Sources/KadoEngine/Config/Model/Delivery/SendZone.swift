/// Whose wall clock a notification's `send_at` is read on (`send_zone:` on a rule or tenant).
package enum SendZone: String, Sendable, Hashable, CaseIterable {
    /// The recipient's own zone (`audience.columns.timezone`), the tenant's when unknown.
    case user
    /// The tenant's zone.
    case tenant

    static let schema = StringSchema(
        "Whose clock send_at is read on: user (each recipient's zone, from audience.columns.timezone; the tenant's when the column is NULL or not a zone) or tenant (default).",
        allowed: allCases.map(\.rawValue))
}
