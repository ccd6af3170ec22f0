import Foundation

/// What a promo is for one occurrence: its name, dates, validity instants and
/// discount, exactly as they are stored in `promos`.
///
/// The evaluator computes them from the rule when it issues the promo; from then
/// on the stored row is the truth: the dispatcher and `kado preview` read them
/// back (``init(row:at:)``), so a rule edited after issuing never changes what its
/// messages say.
package struct PromoTerms: Sendable, Hashable {
    package var promoName: String
    package var occurrenceDate: LocalDate
    /// Last local day of validity (`promos.end_date`).
    package var endDate: LocalDate
    /// Local midnight of the occurrence date.
    package var validFrom: Date
    /// Local midnight after the last valid day (exclusive end).
    package var validUntil: Date
    package var discountType: String
    /// Fixed amount (`promos.amount`), nil for percent discounts.
    package var amount: Int?
    package var percent: Double?
    package var cap: Int?
    package var currency: String

    /// Days the promo is valid, the occurrence day included.
    package var validityDays: Int { endDate.daysSinceEpoch - occurrenceDate.daysSinceEpoch + 1 }

    package var isPercent: Bool { discountType == "percent" }

    /// The terms a rule gives an occurrence on `date` (what issuing it would store).
    package init(rule: RuleConfig, tenant: TenantConfig, date: LocalDate) {
        promoName = rule.promoName
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

    package init(
        promoName: String, occurrenceDate: LocalDate, endDate: LocalDate, validFrom: Date, validUntil: Date,
        discountType: String, amount: Int?, percent: Double?, cap: Int?, currency: String
    ) {
        self.promoName = promoName
        self.occurrenceDate = occurrenceDate
        self.endDate = endDate
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.discountType = discountType
        self.amount = amount
        self.percent = percent
        self.cap = cap
        self.currency = currency
    }
}
