import KadoYAML

/// Fires every day for the users whose date attribute is a number of days after
/// (`days_before: 7`: "your membership ends in 7 days") or before (`days_after: 60`: "no
/// order for 60 days") the occurrence date. With `yearly`, only month and day count ("a week
/// before your birthday"), Feb 29 following the rule's ``LeapDayPolicy`` in common years.
package struct RelativeTrigger: TriggerPlugin {
    package static let name = "relative"

    package static let settings = ObjectSchema(
        "Relative trigger: users whose date attribute is some days after (days_before) or before (days_after) the local date.",
        fields: [
            DateAttributeSetting.field("The date attribute counted from, e.g. membership_ends."),
            FieldSchema(
                "days_before",
                .integer(
                    IntegerSchema(
                        "Fire this many days before the attribute's date (7: a week ahead).", minimum: 0,
                        maximum: 3660))),
            FieldSchema(
                "days_after",
                .integer(
                    IntegerSchema(
                        "Fire this many days after the attribute's date (60: two months later).", minimum: 0,
                        maximum: 3660))),
            FieldSchema(
                "yearly",
                .boolean(description: "Compare month and day only, every year (default false).")),
            LeapDayPolicy.field,
        ])

    package static let variables = [
        TriggerVariable(
            name: "date", type: .date,
            description: "The attribute's date the trigger counts from (with yearly: this year's).")
    ]

    package var attribute: Attribute?
    /// The attribute's date is the occurrence date plus this many days (negative: before it).
    package var offset: Int
    package var yearly: Bool
    package var leapDay: LeapDayPolicy

    package init(attribute: Attribute, offset: Int, yearly: Bool = false, leapDay: LeapDayPolicy = .feb28) {
        self.attribute = attribute
        self.offset = offset
        self.yearly = yearly
        self.leapDay = leapDay
    }

    package init(settings: YAMLNode, context: inout ConfigContext) {
        yearly = settings.bool("yearly") ?? false
        attribute = DateAttributeSetting.read(
            settings, trigger: Self.name, context: &context, nonDateKey: yearly ? "yearly" : nil)
        leapDay = settings.string("leap_day").flatMap(LeapDayPolicy.init(rawValue:)) ?? .feb28
        let before = settings.int("days_before")
        let after = settings.int("days_after")
        offset = before ?? after.map { -$0 } ?? 0
        if before != nil, after != nil, let key = settings.pair("days_after")?.key {
            context.error(
                key.mark,
                "'days_before' and 'days_after' together: a relative trigger counts one way; keep one of them"
            )
        } else if before == nil, after == nil, settings["days_before"] == nil, settings["days_after"] == nil {
            context.error(
                settings.mark,
                "the relative trigger needs days_before: N (the attribute's date is N days ahead) or days_after: N (N days past)"
            )
        }
    }

    /// The attribute's date for the users the trigger picks on `date`.
    package func target(on date: LocalDate) -> LocalDate {
        date.adding(days: offset)
    }

    package func audienceCondition(on date: LocalDate, source: AudienceSource) -> AudienceCondition? {
        guard let attribute else { return nil }
        let value = source.value(attribute, on: date)
        let target = target(on: date)
        if yearly {
            let monthDays = leapDay.monthDays(on: target).map(String.init).joined(separator: ",")
            return AudienceCondition(
                .concat(["kado_month_day(", value, ") = ANY(", .bind("{\(monthDays)}", as: "int[]"), ")"]),
                unmet: "\(attribute.name) not on the month and day of \(target)",
                column: source.column(of: attribute))
        }
        return AudienceCondition(
            .concat([value, " = ", .bind(target.description, as: "date")]),
            unmet: "\(attribute.name) not \(target)", column: source.column(of: attribute))
    }

    package func value(of variable: String, on date: LocalDate, source: AudienceSource) -> SQLFragment? {
        variable == "date" ? .bind(target(on: date).description, as: "date") : nil
    }

    package func suggestedIndex(source: AudienceSource, verifiedOnly: Bool) -> String? {
        guard let attribute else { return nil }
        let expression = source.indexExpression(attribute)
        return yearly
            ? source.indexStatement(
                suffix: "\(attribute.name)_md", expression: "kado_month_day(\(expression))",
                verifiedOnly: verifiedOnly)
            : source.indexStatement(
                suffix: attribute.name, expression: expression, verifiedOnly: verifiedOnly)
    }
}
