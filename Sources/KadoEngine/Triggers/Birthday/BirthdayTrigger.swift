import KadoYAML

/// Fires every day for the verified users whose birthday (month and day, year
/// ignored) is that local date. Feb 29 birthdays follow the rule's
/// ``LeapDayPolicy`` in common years.
package struct BirthdayTrigger: TriggerPlugin {
    package static let name = "birthday"

    package static let settings = ObjectSchema(
        "Birthday trigger: users whose birthday (month and day) is the tenant's local date.",
        fields: [
            FieldSchema(
                "leap_day",
                .string(
                    StringSchema(
                        "When Feb 29 birthdays are celebrated in common years: feb28 (default) or mar1.",
                        allowed: LeapDayPolicy.allCases.map(\.rawValue), default: "feb28")))
        ])

    package var leapDay: LeapDayPolicy

    package init(leapDay: LeapDayPolicy = .feb28) {
        self.leapDay = leapDay
    }

    package init(settings: YAMLNode, context: inout ConfigContext) {
        leapDay = settings.string("leap_day").flatMap(LeapDayPolicy.init(rawValue:)) ?? .feb28
    }

    /// The birthdays (as month * 100 + day) celebrated on `date`.
    package func monthDays(on date: LocalDate) -> [Int] {
        leapDay.monthDays(on: date)
    }

    package func audienceCondition(on date: LocalDate, source: AudienceSource) -> AudienceCondition? {
        let monthDays = monthDays(on: date)
        let days = monthDays.map(String.init).joined(separator: ",")
        let words = monthDays.map { Self.words(month: $0 / 100, day: $0 % 100) }.joined(separator: " or ")
        return AudienceCondition(
            sql: "kado_month_day(a.\(source.quoted(\.birthday))) = ANY($?::int[])",
            parameters: ["{\(days)}"], unmet: "birthday not on \(words)", column: source.columns.birthday)
    }

    package var audienceSummary: String {
        let leap = leapDay == .feb28 ? "28 February" : "1 March"
        return
            "users whose birthday (month and day) is that day; 29 February birthdays on \(leap) in common years"
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// `20 November`.
    static func words(month: Int, day: Int) -> String {
        "\(day) \(monthNames[max(1, min(12, month)) - 1])"
    }

    package func suggestedIndex(source: AudienceSource, verifiedOnly: Bool) -> String? {
        let name = AudienceSource.quote(
            source.table.replacingOccurrences(of: ".", with: "_") + "_kado_birthday_idx")
        let partial = verifiedOnly ? " WHERE \(source.quoted(\.verified)) IS TRUE" : ""
        return
            "CREATE INDEX \(name) ON \(source.quotedTable) (kado_month_day(\(source.quoted(\.birthday))))\(partial);"
    }
}
