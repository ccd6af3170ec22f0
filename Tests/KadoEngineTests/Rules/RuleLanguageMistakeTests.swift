import Foundation
import KadoEngine
import KadoTestSupport
import Testing

private let gold = "rules/lunaria/birthday-gold.yaml"
private let week = "rules/lunaria/birthday.yaml"
private let anniversary = "rules/lunaria/anniversary.yaml"
private let winback = "rules/lunaria/winback.yaml"
private let harbolnas = "rules/sayakaya/harbolnas.yaml"
private let lunaria = "rules/lunaria/tenant.yaml"
private let goldTemplate = "templates/lunaria/birthday-gold.yaml"

private let goldCondition = "    - {attribute: tier, in: [gold, platinum]}"
private let winbackCondition = "    - {attribute: email, is_set: true}    # told by email only"

/// One mistake in the rule language: the edits that make it, and where the error must be (the
/// `occurrence`-th `needle` of `file` after the edits, plus `offset` columns) with its words.
struct LanguageMistake: Sendable, CustomTestStringConvertible {
    var name: String
    var edits: [Edit]
    var file: String
    var needle: String
    var occurrence = 1
    var offset = 0
    var words: [String]

    init(
        _ name: String, _ edits: [Edit], at file: String, _ needle: String, occurrence: Int = 1,
        offset: Int = 0,
        _ words: String...
    ) {
        self.name = name
        self.edits = edits
        self.file = file
        self.needle = needle
        self.occurrence = occurrence
        self.offset = offset
        self.words = words
    }

    var testDescription: String { name }

    /// The mistake alone in the shipped configuration is exactly one error, there.
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fixture = try ConfigFixture()
        for edit in edits { try fixture.apply(edit, sourceLocation: sourceLocation) }
        let expected = try fixture.error(
            file, at: needle, occurrence: occurrence, offset: offset, words: words,
            sourceLocation: sourceLocation)
        expectError(fixture.load(), expected, sourceLocation: sourceLocation)
    }
}

private func condition(_ text: String, in file: String = gold, replacing old: String = goldCondition) -> Edit
{
    Edit(file, replacing: old, with: "    - \(text)")
}

@Suite("Rule language mistakes: each at its file:line:col, all in one run")
struct RuleLanguageMistakeTests {
    static let mistakes: [LanguageMistake] = [
        LanguageMistake(
            "an unknown attribute, with a suggestion among the declared ones",
            [condition("{attribute: teir, in: [gold, platinum]}")], at: gold, "teir",
            "unknown attribute 'teir'",
            "did you mean 'tier'?", "declares: tier, member_since, last_order, points",
            "built in: name, email"),
        LanguageMistake(
            "an unknown attribute, with a suggestion among the built-in ones",
            [condition("{attribute: emial, is_set: true}", in: winback, replacing: winbackCondition)],
            at: winback,
            "emial", "unknown attribute 'emial'", "did you mean 'email'?"),
        LanguageMistake(
            "at_least on a string", [condition("{attribute: tier, at_least: gold}")], at: gold, "at_least",
            "'at_least' does not fit 'tier', a string attribute", "use equals, not_equals, in, not_in, is_set"
        ),
        LanguageMistake(
            "in on a boolean", [condition("{attribute: verified, in: [true]}")], at: gold, "in: [true]",
            "'in' does not fit 'verified', a boolean attribute", "use equals, not_equals, is_set"),
        LanguageMistake(
            "a value of the wrong type", [condition("{attribute: points, at_least: \"many\"}")], at: gold,
            "\"many\"", "'points' is an integer attribute", "'at_least' needs a whole number", "got \"many\""),
        LanguageMistake(
            "a date that does not exist", [condition("{attribute: last_order, at_most: 2026-02-30}")],
            at: gold,
            "2026-02-30", "'last_order' is a date attribute", "YYYY-MM-DD or {days_ago: N}",
            "got '2026-02-30'"),
        LanguageMistake(
            "a relative date with an unknown key",
            [condition("{attribute: last_order, at_most: {days: 60}}")],
            at: gold, "days: 60", "unknown key 'days' in a relative date", "{days_ago: N}"),
        LanguageMistake(
            "between with one value", [condition("{attribute: points, between: [100]}")], at: gold, "[100]",
            "'audience.where[0].between' needs exactly 2 items, got 1"),
        LanguageMistake(
            "between reversed", [condition("{attribute: points, between: [500, 100]}")], at: gold, "100]",
            "'between' needs [low, high]", "100 is below 500"),
        LanguageMistake(
            "between of relative dates reversed",
            [condition("{attribute: last_order, between: [{days_ago: 30}, {days_ago: 60}]}")], at: gold,
            "{days_ago: 60}", "{days_ago: 60} is before {days_ago: 30}"),
        LanguageMistake(
            "an empty in", [condition("{attribute: tier, in: []}")], at: gold, "[]",
            "'audience.where[0].in' needs at least 1 item"),
        LanguageMistake(
            "no operator", [condition("{attribute: tier}")], at: gold, "{attribute: tier}",
            "the condition on 'tier' needs an operator: one of equals, not_equals, in, not_in, is_set"),
        LanguageMistake(
            "two operators", [condition("{attribute: points, at_least: 1, at_most: 5}")], at: gold, "at_most",
            "one operator per condition", "'at_most' follows 'at_least'"),
        LanguageMistake(
            "a missing value", [condition("{attribute: tier, equals: ~}")], at: gold, "~",
            "'equals' needs a value",
            "{attribute: tier, is_set: false}"),
        LanguageMistake(
            "a misspelt operator", [condition("{attribute: tier, equal: gold}")], at: gold, "equal:",
            "unknown key 'equal'", "did you mean 'equals'?"),
        LanguageMistake(
            "any: and all: in one mapping",
            [condition("{any: [{attribute: tier, equals: gold}], all: [{attribute: points, at_least: 1}]}")],
            at: gold, "all:", "holds both 'any' and 'all'"),
        LanguageMistake(
            "a nested mistake, at its own place",
            [condition("{not: {any: [{attribute: tier, equals: gold}, {attribute: points, at_least: x}]}}")],
            at: gold, "x}", "'points' is an integer attribute"),
        LanguageMistake(
            "a years entry below 1",
            [Edit(anniversary, replacing: "years: [1, 5, 10]", with: "years: [0, 5, 10]")], at: anniversary,
            "0,",
            "'trigger.years[0]' must be at least 1, got 0"),
        LanguageMistake(
            "an anniversary of a non-date",
            [Edit(anniversary, replacing: "attribute: member_since", with: "attribute: points")],
            at: anniversary, "points", "'points' is an integer attribute",
            "the anniversary trigger counts from a date attribute",
            "date attributes: birthday, member_since, last_order"),
        LanguageMistake(
            "an impossible every_year day", [Edit(harbolnas, replacing: "[\"12-12\"]", with: "[\"02-30\"]")],
            at: harbolnas, "\"02-30\"", "'trigger.every_year[0]'", "not a day of the year as MM-DD"),
        LanguageMistake(
            "an impossible on date",
            [
                Edit(
                    harbolnas, replacing: "  every_year: [\"12-12\"]\n",
                    with: "  on: [\"2026-11-11\", \"2026-02-30\"]\n")
            ],
            at: harbolnas, "\"2026-02-30\"", "'trigger.on[1]'", "not a real date"),
        LanguageMistake(
            "a date trigger without dates",
            [Edit(harbolnas, replacing: "  every_year: [\"12-12\"]\n", with: "")],
            at: harbolnas, "plugin: date", "the date trigger needs the dates it fires on"),
        LanguageMistake(
            "days_before and days_after together",
            [Edit(winback, replacing: "  days_after: 60\n", with: "  days_before: 7\n  days_after: 60\n")],
            at: winback, "days_after", "'days_before' and 'days_after' together"),
        LanguageMistake(
            "a relative trigger without days", [Edit(winback, replacing: "  days_after: 60\n", with: "")],
            at: winback, "plugin: relative", "needs days_before: N", "or days_after: N"),
        LanguageMistake(
            "yearly on a non-date",
            [
                Edit(winback, replacing: "  attribute: last_order\n", with: "  attribute: points\n"),
                Edit(winback, replacing: "  days_after: 60\n", with: "  days_after: 60\n  yearly: true\n"),
            ], at: winback, "yearly: true", offset: 8,
            "'yearly' compares month and day of a date, but 'points' is an integer attribute"),
        LanguageMistake(
            "an attribute named like a built-in one",
            [
                Edit(
                    lunaria, replacing: "    points: {column: loyalty_points, type: integer}\n",
                    with:
                        "    points: {column: loyalty_points, type: integer}\n    age: {column: loyalty_points, type: integer}\n"
                )
            ], at: lunaria, "age:", "attribute 'age' reuses the name of a built-in attribute"),
        LanguageMistake(
            "an attribute named like the recipient's own variable",
            [
                Edit(
                    lunaria, replacing: "    points: {column: loyalty_points, type: integer}\n",
                    with:
                        "    points: {column: loyalty_points, type: integer}\n    first_name: {column: full_name, type: string}\n"
                )
            ], at: lunaria, "first_name:", "the recipient's own template variable {{user.first_name}}"),
        LanguageMistake(
            "an attribute type that does not exist",
            [Edit(lunaria, replacing: "{column: tier, type: string}", with: "{column: tier, type: text}")],
            at: lunaria,
            "text}", "must be one of 'string', 'integer', 'number', 'boolean', 'date'"),
        LanguageMistake(
            "a template variable the tenant does not declare",
            [
                Edit(
                    goldTemplate, replacing: "<p>Als {{user.tier}}-lid krijg",
                    with: "<p>Als {{user.teir}}-lid krijg")
            ],
            at: goldTemplate, "{{user.teir}}", "unknown template variable 'user.teir'",
            "did you mean 'user.tier'?"),
        LanguageMistake(
            "a trigger value the rule's trigger does not give",
            [
                Edit(
                    week, replacing: "    template: birthday\n    fallback: sms",
                    with: "    template: anniversary")
            ],
            at: week,
            "anniversary", "template 'anniversary' uses {{trigger.years}}",
            "the birthday trigger of rule 'birthday-week' does not give", "(the anniversary trigger does)"),
        LanguageMistake(
            "two rules of a group with the same priority",
            [Edit(gold, replacing: "  priority: 20", with: "  priority: 10")], at: week, "priority: 10",
            offset: 10,
            "rules 'birthday-week' and 'birthday-gold' of exclusive group 'birthday' both have priority 10",
            "birthday-gold.yaml:"),
    ]

    @Test("each mistake is one error at its place", arguments: mistakes)
    func mistake(_ mistake: LanguageMistake) throws {
        try mistake.check()
    }

    @Test("several mistakes in several files: every one reported in one run, in file order")
    func allInOneRun() throws {
        let config = try EditedConfig(
            condition("{attribute: teir, in: [gold, platinum]}"),
            Edit(anniversary, replacing: "years: [1, 5, 10]", with: "years: [0, 5, 10]"),
            Edit(harbolnas, replacing: "[\"12-12\"]", with: "[\"02-30\"]"),
            Edit(winback, replacing: "  days_after: 60\n", with: "  days_before: 7\n  days_after: 60\n"),
            Edit(
                goldTemplate, replacing: "<p>Als {{user.tier}}-lid krijg",
                with: "<p>Als {{user.teir}}-lid krijg"),
            Edit(gold, replacing: "  priority: 20", with: "  priority: 10"))
        let expected = [
            try config.error(anniversary, at: "0,", "must be at least 1"),
            try config.error(gold, at: "teir", "unknown attribute 'teir'"),
            try config.error(week, at: "priority: 10", offset: 10, "both have priority 10"),
            try config.error(winback, at: "days_after", "together"),
            try config.error(harbolnas, at: "\"02-30\"", "not a day of the year"),
            try config.error(goldTemplate, at: "{{user.teir}}", "unknown template variable 'user.teir'"),
        ]
        for error in expected { expectError(config.result, error, alone: false) }
        #expect(config.result.errors.count == expected.count, "\(diagnosticsText(config.result))")
    }

    @Test("an exclusive group with one rule is a warning naming a likely typo")
    func loneGroup() throws {
        let config = try EditedConfig(Edit(gold, replacing: "  group: birthday", with: "  group: brithday"))
        #expect(config.result.errors.isEmpty, "\(diagnosticsText(config.result))")
        let warnings = config.result.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 2)
        #expect(
            warnings.contains {
                $0.message.contains("'brithday' has no other rule (did you mean 'birthday'?)")
            })
    }

    @Test("every_year 02-29 is a warning: the rule fires every four years")
    func leapDayOnly() throws {
        let config = try EditedConfig(Edit(harbolnas, replacing: "[\"12-12\"]", with: "[\"02-29\"]"))
        #expect(config.result.errors.isEmpty)
        let warning = try #require(config.result.diagnostics.first)
        #expect(warning.severity == .warning && warning.message.contains("only in leap years"))
        #expect(warning.mark.line == (try config.error(harbolnas, at: "\"02-29\"")).line)
    }
}
