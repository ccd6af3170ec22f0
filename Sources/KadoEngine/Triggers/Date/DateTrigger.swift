import KadoYAML

/// Fires on fixed tenant-local dates, every year (`every_year: ["12-12"]`) or once
/// (`on: ["2026-11-11"]`), for the whole audience the rule's conditions leave: a campaign
/// day such as Harbolnas.
package struct DateTrigger: TriggerPlugin {
    package static let name = "date"

    package static let settings = ObjectSchema(
        "Date trigger: the whole (filtered) audience on fixed local dates.",
        fields: [
            FieldSchema(
                "every_year",
                .array(
                    ArraySchema(
                        "Month and day, every year, e.g. [\"12-12\"].",
                        items: .string(
                            StringSchema("Month and day MM-DD, e.g. 12-12.", rule: Checks.monthDay)),
                        minItems: 1))),
            FieldSchema(
                "on",
                .array(
                    ArraySchema(
                        "Single dates YYYY-MM-DD, e.g. [\"2026-11-11\"].",
                        items: .string(StringSchema("A date YYYY-MM-DD.", check: Checks.date)), minItems: 1))),
        ])

    /// Month * 100 + day, every year.
    package var everyYear: Set<Int>
    package var dates: Set<LocalDate>

    package init(everyYear: [(month: Int, day: Int)] = [], on dates: [LocalDate] = []) {
        self.everyYear = Set(everyYear.map { $0.month * 100 + $0.day })
        self.dates = Set(dates)
    }

    package init(settings: YAMLNode, context: inout ConfigContext) {
        var everyYear = Set<Int>()
        for item in settings["every_year"]?.items ?? [] {
            guard let text = item.scalar?.value, let monthDay = Self.monthDay(text) else { continue }
            everyYear.insert(monthDay)
            if monthDay == 229 {
                context.warning(
                    item.mark, "'02-29' exists only in leap years: the rule fires every four years")
            }
        }
        self.everyYear = everyYear
        dates = Set((settings["on"]?.items ?? []).compactMap { $0.scalar.flatMap { LocalDate($0.value) } })
        if settings["every_year"] == nil && settings["on"] == nil {
            context.error(
                settings.mark,
                "the date trigger needs the dates it fires on: every_year: [\"MM-DD\", ...], on: [\"YYYY-MM-DD\", ...] or both"
            )
        }
    }

    package func audienceCondition(on date: LocalDate, source: AudienceSource) -> AudienceCondition? {
        everyYear.contains(date.month * 100 + date.day) || dates.contains(date) ? "TRUE" : nil
    }

    package var readsWholeAudience: Bool { true }

    package func suggestedIndex(source: AudienceSource, verifiedOnly: Bool) -> String? {
        nil
    }

    /// `MM-DD` as month * 100 + day, when such a day exists in some year (Feb 29 does).
    static func monthDay(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let month = Int(parts[0]),
            let day = Int(parts[1]), (1...12).contains(month), day >= 1,
            day <= LocalDate.daysIn(month: month, year: 2000)
        else { return nil }
        return month * 100 + day
    }
}
