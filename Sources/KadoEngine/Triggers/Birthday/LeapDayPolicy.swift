/// When a Feb 29 birthday is celebrated in a common year.
package enum LeapDayPolicy: String, Sendable, CaseIterable {
    /// On Feb 28 (the default).
    case feb28
    /// On Mar 1.
    case mar1
}

extension LeapDayPolicy {
    /// The month-days (month * 100 + day) celebrated on `date`: the date's own, and Feb 29's
    /// on Feb 28 (or Mar 1) of a common year.
    package func monthDays(on date: LocalDate) -> [Int] {
        let today = date.month * 100 + date.day
        guard !date.isLeapYear else { return [today] }
        switch (self, date.month, date.day) {
        case (.feb28, 2, 28), (.mar1, 3, 1): return [today, 229]
        default: return [today]
        }
    }

    /// The schema field every yearly trigger shares.
    static let field = FieldSchema(
        "leap_day",
        .string(
            StringSchema(
                "When Feb 29 dates are celebrated in common years: feb28 (default) or mar1.",
                allowed: LeapDayPolicy.allCases.map(\.rawValue), default: "feb28")))
}
