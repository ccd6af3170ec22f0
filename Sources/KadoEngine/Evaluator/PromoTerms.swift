import Foundation

/// What a rule's promo is for one occurrence: dates, validity instants and
/// discount fields, exactly as they are stored in `promos`.
public struct PromoTerms: Sendable, Hashable {
    public var occurrenceDate: LocalDate
    /// Last local day of validity (`promos.end_date`).
    public var endDate: LocalDate
    /// Local midnight of the occurrence date.
    public var validFrom: Date
    /// Local midnight after the last valid day (exclusive end).
    public var validUntil: Date
    public var discountType: String
    /// Fixed amount (`promos.amount`), nil for percent discounts.
    public var amount: Int?
    public var percent: Double?
    public var cap: Int?
    public var currency: String

    public init(rule: RuleConfig, tenant: TenantConfig, date: LocalDate) {
        occurrenceDate = date
        endDate = date.adding(days: rule.validityDays - 1)
        validFrom = tenant.clock.startOfDay(date)
        validUntil = tenant.clock.startOfDay(date.adding(days: rule.validityDays))
        discountType = rule.discount.typeName
        currency = rule.discount.currency
        switch rule.discount {
        case .fixed(let a, _):
            amount = a
        case .percent(let p, let c, _):
            percent = p
            cap = c
        }
    }
}
