import KadoYAML

/// Fires every day for the users whose date attribute (`member_since`) has its month and day
/// on that local date: their 1st, 2nd, ... anniversary, or only those in `years`. Never on the
/// date itself (year 0). Feb 29 dates follow the rule's ``LeapDayPolicy`` in common years.
package struct AnniversaryTrigger: TriggerPlugin {
    package static let name = "anniversary"

    package static let settings = ObjectSchema(
        "Anniversary trigger: users on the month and day of a date attribute, e.g. a year, five years and ten years after they joined.",
        fields: [
            DateAttributeSetting.field("The date attribute whose anniversaries count, e.g. member_since."),
            FieldSchema(
                "years",
                .array(
                    ArraySchema(
                        "Which anniversaries count, e.g. [1, 5, 10] (default: every one from the first on).",
                        items: .integer(IntegerSchema("An anniversary: 1 or more.", minimum: 1)), minItems: 1)
                )),
            LeapDayPolicy.field,
        ])

    package static let variables = [
        TriggerVariable(name: "years", type: .integer, description: "Which anniversary it is: 1, 5, 10, ...")
    ]

    /// The date attribute; nil only when the configuration had errors.
    package var attribute: Attribute?
    /// The anniversaries that count; nil for every one from 1 on.
    package var years: [Int]?
    package var leapDay: LeapDayPolicy

    package init(attribute: Attribute, years: [Int]? = nil, leapDay: LeapDayPolicy = .feb28) {
        self.attribute = attribute
        self.years = years
        self.leapDay = leapDay
    }

    package init(settings: YAMLNode, context: inout ConfigContext) {
        attribute = DateAttributeSetting.read(settings, trigger: Self.name, context: &context)
        years = settings["years"]?.items.map { items in
            Array(Set(items.compactMap { $0.scalar.flatMap { Int($0.value) } })).sorted()
        }
        leapDay = settings.string("leap_day").flatMap(LeapDayPolicy.init(rawValue:)) ?? .feb28
    }

    package func audienceCondition(on date: LocalDate, source: AudienceSource) -> AudienceCondition? {
        guard let attribute else { return nil }
        let value = source.value(attribute, on: date)
        let monthDays = leapDay.monthDays(on: date).map(String.init).joined(separator: ",")
        let sameDay = SQLFragment.concat([
            "kado_month_day(", value, ") = ANY(", .bind("{\(monthDays)}", as: "int[]"), ")",
        ])
        let counted: SQLFragment
        if let years {
            let startYears = years.map { String(date.year - $0) }.joined(separator: ",")
            counted = .concat([
                "EXTRACT(YEAR FROM ", value, ")::int = ANY(", .bind("{\(startYears)}", as: "int[]"), ")",
            ])
        } else {
            counted = .concat([value, " < ", .bind("\(date.year)-01-01", as: "date")])
        }
        let which = years.map { " (\($0.map(String.init).joined(separator: ", ")) years)" } ?? ""
        return AudienceCondition(
            .concat([sameDay, " AND ", counted]),
            unmet: "\(attribute.name) has no anniversary\(which) on \(date)",
            column: source.column(of: attribute))
    }

    package func value(of variable: String, on date: LocalDate, source: AudienceSource) -> SQLFragment? {
        guard variable == "years", let attribute else { return nil }
        return .concat([
            "(", .bind(String(date.year), as: "int"), " - EXTRACT(YEAR FROM ",
            source.value(attribute, on: date),
            ")::int)",
        ])
    }

    package func suggestedIndex(source: AudienceSource, verifiedOnly: Bool) -> String? {
        guard let attribute else { return nil }
        return source.indexStatement(
            suffix: "\(attribute.name)_md",
            expression: "kado_month_day(\(source.indexExpression(attribute)))",
            verifiedOnly: verifiedOnly)
    }
}
