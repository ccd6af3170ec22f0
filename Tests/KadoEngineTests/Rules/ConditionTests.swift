import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

/// One comparison and the people it must select on 2026-03-15.
struct ComparisonCase: Sendable, CustomTestStringConvertible {
    var attribute: String
    var op: Comparison.Operator
    var values: [ConditionValue]
    var expected: [Int]

    init(_ attribute: String, _ op: Comparison.Operator, _ values: [ConditionValue], _ expected: [Int]) {
        self.attribute = attribute
        self.op = op
        self.values = values
        self.expected = expected
    }

    var condition: Condition {
        .comparison(Comparison(attribute: PeopleTable.attribute(attribute), op: op, values: values))
    }

    var testDescription: String { "\(attribute) \(op.rawValue) \(values)" }
}

@Suite(
    "Conditions on a real PostgreSQL: each operator and type, with NULLs",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct ConditionTests {
    static let day = LocalDate(year: 2026, month: 3, day: 15)

    /// Person 3 has NULL everywhere; person 4's email is blank and its vip NULL; person 6's tier
    /// holds a comma and both quotes. Ages on 2026-03-15: 36, 17, -, 18, 18, 65.
    static let cases: [ComparisonCase] = [
        ComparisonCase("tier", .equals, [.string("gold")], [1, 4]),
        ComparisonCase("tier", .notEquals, [.string("gold")], [2, 5, 6]),
        ComparisonCase("tier", .in, [.string("gold"), .string("silver")], [1, 2, 4]),
        ComparisonCase("tier", .in, [.string("a,\"b'c")], [6]),
        ComparisonCase("tier", .equals, [.string("a,\"b'c")], [6]),
        ComparisonCase("tier", .notIn, [.string("gold"), .string("regular")], [2, 6]),
        ComparisonCase("tier", .isSet, [.boolean(true)], [1, 2, 4, 5, 6]),
        ComparisonCase("tier", .isSet, [.boolean(false)], [3]),
        ComparisonCase("points", .equals, [.integer(0)], [5]),
        ComparisonCase("points", .notEquals, [.integer(100)], [2, 4, 5, 6]),
        ComparisonCase("points", .in, [.integer(0), .integer(150)], [4, 5]),
        ComparisonCase("points", .notIn, [.integer(100)], [2, 4, 5, 6]),
        ComparisonCase("points", .atLeast, [.integer(100)], [1, 4]),
        ComparisonCase("points", .atMost, [.integer(0)], [5, 6]),
        ComparisonCase("points", .between, [.integer(0), .integer(100)], [1, 2, 5]),
        ComparisonCase("points", .isSet, [.boolean(false)], [3]),
        ComparisonCase("score", .equals, [.number("3.25")], [2]),
        ComparisonCase("score", .notEquals, [.number("0")], [1, 2, 4, 6]),
        ComparisonCase("score", .in, [.number("5"), .number("0")], [4, 5]),
        ComparisonCase("score", .atLeast, [.number("4.5")], [1, 4]),
        ComparisonCase("score", .atMost, [.number("0")], [5, 6]),
        ComparisonCase("score", .between, [.number("-2"), .number("3.25")], [2, 5, 6]),
        ComparisonCase("vip", .equals, [.boolean(true)], [1, 6]),
        ComparisonCase("vip", .equals, [.boolean(false)], [2, 5]),
        ComparisonCase("vip", .notEquals, [.boolean(true)], [2, 5]),
        ComparisonCase("vip", .isSet, [.boolean(false)], [3, 4]),
        ComparisonCase("joined", .equals, [.date(LocalDate(year: 2026, month: 3, day: 15))], [5]),
        ComparisonCase("joined", .atLeast, [.date(LocalDate(year: 2020, month: 1, day: 15))], [1, 2, 5]),
        ComparisonCase("joined", .atMost, [.daysAgo(1)], [1, 2, 4, 6]),
        ComparisonCase("joined", .atLeast, [.daysAgo(0)], [5]),
        ComparisonCase("joined", .atMost, [.daysAhead(0)], [1, 2, 4, 5, 6]),
        ComparisonCase(
            "joined", .between,
            [
                .date(LocalDate(year: 2019, month: 1, day: 1)),
                .date(LocalDate(year: 2021, month: 6, day: 30)),
            ],
            [1, 2, 4]),
        ComparisonCase(
            "joined", .in,
            [
                .date(LocalDate(year: 2000, month: 2, day: 29)),
                .date(LocalDate(year: 2019, month: 2, day: 28)),
            ],
            [4, 6]),
        ComparisonCase("joined", .notIn, [.daysAgo(0)], [1, 2, 4, 6]),
        // A timestamptz is its Amsterdam date: 2026-03-14 23:30 UTC is 00:30 on the 15th there.
        ComparisonCase("seen", .equals, [.date(LocalDate(year: 2026, month: 3, day: 15))], [1, 2, 4]),
        ComparisonCase("seen", .equals, [.daysAhead(1)], [5]),
        ComparisonCase("seen", .atMost, [.date(LocalDate(year: 2026, month: 3, day: 14))], [6]),
        // Built-in attributes: a blank email is none; this source has no locale column.
        ComparisonCase("email", .isSet, [.boolean(false)], [3, 4]),
        ComparisonCase("name", .equals, [.string("Ann Gold")], [1]),
        ComparisonCase("verified", .equals, [.boolean(true)], [1, 2, 4, 6]),
        ComparisonCase("verified", .isSet, [.boolean(false)], [3]),
        ComparisonCase("locale", .isSet, [.boolean(true)], []),
        ComparisonCase(
            "birthday", .between,
            [
                .date(LocalDate(year: 2008, month: 1, day: 1)),
                .date(LocalDate(year: 2008, month: 12, day: 31)),
            ],
            [2, 4, 5]),
        ComparisonCase("age", .atLeast, [.integer(18)], [1, 4, 5, 6]),
        ComparisonCase("age", .atMost, [.integer(17)], [2]),
        ComparisonCase("age", .equals, [.integer(18)], [4, 5]),
        ComparisonCase("age", .notEquals, [.integer(18)], [1, 2, 6]),
        ComparisonCase("age", .between, [.integer(18), .integer(36)], [1, 4, 5]),
        ComparisonCase("age", .in, [.integer(17), .integer(65)], [2, 6]),
        ComparisonCase("age", .notIn, [.integer(18), .integer(36)], [2, 6]),
        ComparisonCase("age", .isSet, [.boolean(false)], [3]),
    ]

    // One database for all the cases: a case per test would hold a connection each, at once.
    @Test("each comparison selects exactly its people; NULL never matches")
    func comparisons() async throws {
        let people = try await PeopleTable.make()
        for test in Self.cases {
            let rule = PeopleTable.rule([test.condition], on: Self.day)
            #expect(try await people.ids(rule, on: Self.day) == test.expected, "\(test.testDescription)")
        }
    }

    @Test("not: of each comparison selects everyone else, people with the value missing included")
    func negations() async throws {
        let people = try await PeopleTable.make()
        for test in Self.cases {
            let rule = PeopleTable.rule([.not(test.condition)], on: Self.day)
            let others = PeopleTable.everyone.filter { !test.expected.contains($0) }
            #expect(try await people.ids(rule, on: Self.day) == others, "not: \(test.testDescription)")
        }
    }

    static func compare(_ attribute: String, _ op: Comparison.Operator, _ values: ConditionValue...)
        -> Condition
    {
        .comparison(Comparison(attribute: PeopleTable.attribute(attribute), op: op, values: values))
    }

    @Test("any:, all: and not: nest; a member whose vip is unknown is 'not vip'")
    func nesting() async throws {
        let people = try await PeopleTable.make()
        let gold = Self.compare("tier", .equals, .string("gold"))
        let vip = Self.compare("vip", .equals, .boolean(true))
        let rich = Self.compare("points", .atLeast, .integer(100))
        let cases: [([Condition], [Int])] = [
            (
                [
                    .any([
                        Self.compare("tier", .equals, .string("silver")),
                        Self.compare("points", .atLeast, .integer(150)),
                    ])
                ], [2, 4]
            ),
            ([.all([gold, vip])], [1]),
            ([.not(.all([gold, vip]))], [2, 3, 4, 5, 6]),
            ([.not(.any([vip, rich]))], [2, 3, 5]),
            ([.not(.not(gold))], [1, 4]),
            ([.not(vip), gold], [4]),
            ([.any([.all([gold, .not(vip)]), .all([.not(gold), vip])])], [4, 6]),
        ]
        for (conditions, expected) in cases {
            let rule = PeopleTable.rule(conditions, on: Self.day)
            #expect(try await people.ids(rule, on: Self.day) == expected, "\(conditions)")
        }
    }

    @Test(
        "age is whole years on the occurrence date: a Feb 29 birthday completes its year on Mar 1 in a common year",
        arguments: [
            ("2026-02-28", [1, 6]), ("2026-03-01", [1, 4, 6]), ("2028-02-28", [1, 6]),
            ("2028-02-29", [1, 4, 6]),
        ])
    func ageAcrossLeapDays(date: String, adults: [Int]) async throws {
        let people = try await PeopleTable.make()
        let day = try #require(LocalDate(date))
        // Person 4 is born 2008-02-29: 18 on 2026-03-01, 20 on 2028-02-29; 2 and 5 are born in March 2008.
        let eighteen = Self.compare("age", .atLeast, .integer(date.hasPrefix("2028") ? 20 : 18))
        let rule = PeopleTable.rule([eighteen], on: day)
        #expect(try await people.ids(rule, on: day) == adults)
    }

    @Test("values are bound, never spliced: quotes, commas and SQL in a value are only text")
    func valuesAreBound() async throws {
        let people = try await PeopleTable.make()
        let hostile = "x'); DROP TABLE people; --"
        let rule = PeopleTable.rule(
            [Self.compare("tier", .in, .string(hostile), .string("gold"))], on: Self.day)
        let query = try #require(
            AudienceQuery(tenant: PeopleTable.tenant, rule: rule, date: Self.day, firstParameter: 1))
        #expect(!query.sql.contains("DROP"))
        #expect(!query.sql.contains("gold"))
        #expect(try await people.ids(rule, on: Self.day) == [1, 4])
        #expect(try await people.connection.perform { try $0.count("SELECT count(*) FROM people") } == 6)
    }
}
