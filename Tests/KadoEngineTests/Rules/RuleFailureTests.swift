import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "A rule whose attributes do not fit the database fails with a hint, not a crash",
    .tags(.database), .enabled(if: TestDatabase.isAvailable, "needs KADO_TEST_DATABASE_URL (make test)"))
struct RuleFailureTests {
    static let day = LocalDate(year: 2026, month: 3, day: 15)

    func failure(_ attribute: Attribute, _ op: Comparison.Operator, _ value: ConditionValue) async throws
        -> EvaluationFailure?
    {
        let people = try await PeopleTable.make()
        var tenant = PeopleTable.tenant
        tenant.audience.attributes.append(attribute)
        let rule = PeopleTable.rule(
            [.comparison(Comparison(attribute: attribute, op: op, values: [value]))], on: Self.day)
        do {
            _ = try await Evaluator(tenant: tenant, rule: rule).evaluate(
                on: Self.day, connection: people.connection)
            return nil
        } catch let failure as EvaluationFailure {
            #expect(try await people.connection.perform { try $0.count("SELECT count(*) FROM promos") } == 0)
            return failure
        }
    }

    @Test("a date attribute on a text column: SQLSTATE 42883 and what to fix")
    func dateOnText() async throws {
        let failure = try #require(
            try await failure(
                Attribute(name: "since", type: .date, source: .column("name")), .atMost, .daysAgo(1)))
        #expect(failure.error.sqlState == "42883")
        #expect(
            failure.reason.contains("names a column of 'people' that is not a date, timestamp or timestamptz")
        )
    }

    @Test("an attribute column that does not exist: SQLSTATE 42703, pointing at audience.attributes")
    func missingColumn() async throws {
        let failure = try #require(
            try await failure(
                Attribute(name: "city", type: .string, source: .column("city")), .equals, .string("x")))
        #expect(failure.error.sqlState == "42703")
        #expect(failure.reason.contains("audience.columns or audience.attributes"))
    }
}
