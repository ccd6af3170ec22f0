import KadoYAML

/// A kind of campaign trigger. A new trigger is one type conforming to this
/// protocol plus one line in ``TriggerRegistry``: the evaluator stays generic.
package protocol TriggerPlugin: Sendable {
    /// The name marketing writes as `trigger.plugin`.
    static var name: String { get }
    /// The plugin's own settings (beside the common `plugin`, `at`, `catch_up_days`).
    static var settings: ObjectSchema { get }
    /// Builds the trigger from settings the schema already checked; reports semantic problems.
    init(settings: YAMLNode, context: inout ConfigContext)

    /// The audience condition for the occurrence on `date`, or nil when the
    /// trigger does not fire that day. Built on the tenant's audience columns.
    func audienceCondition(on date: LocalDate, source: AudienceSource) -> AudienceCondition?

    /// The index that makes ``audienceCondition(on:source:)`` an index scan, as SQL,
    /// for `kado doctor` to suggest when the audience source lacks one.
    func suggestedIndex(source: AudienceSource, verifiedOnly: Bool) -> String?

    /// Who an occurrence reaches, in words, for the studio and `kado validate`:
    /// "users whose birthday (month and day) is that day".
    var audienceSummary: String { get }

    /// The `{{trigger.NAME}}` values this trigger gives each message (default: none).
    static var variables: [TriggerVariable] { get }

    /// The value of one of ``variables`` for each user on `date`, as SQL over the audience
    /// source (alias `a`); the issuing statement stores it with the user's outbox row.
    func value(of variable: String, on date: LocalDate, source: AudienceSource) -> SQLFragment?

    /// Whether the trigger selects the whole (filtered) audience on the dates it fires, so that
    /// reading the table through is the plan to expect and no index is needed (`kado doctor`).
    var readsWholeAudience: Bool { get }
}

extension TriggerPlugin {
    package var audienceSummary: String { "users selected by the '\(Self.name)' trigger" }

    package static var variables: [TriggerVariable] { [] }

    package func value(of variable: String, on date: LocalDate, source: AudienceSource) -> SQLFragment? {
        nil
    }

    package var readsWholeAudience: Bool { false }

    /// ``name``, from a trigger value.
    package var pluginName: String { Self.name }

    /// ``variables``, from a trigger value.
    package var givenVariables: [TriggerVariable] { Self.variables }
}

/// A SQL boolean expression over the audience source (alias `a`) with its parameters, which
/// the evaluator numbers and binds after its own, and what it means in words when a user does
/// not meet it (``AudienceMembership`` says why a user is left out).
package struct AudienceCondition: Sendable, ExpressibleByStringLiteral {
    /// SQL with `$?` placeholders, numbered by the evaluator.
    package var sql: String
    package var parameters: [String]
    /// What a user who fails the condition is, in words: "birthday not on 20 November".
    package var unmet: String
    /// The audience column whose value shows why a user fails it (its value is quoted
    /// beside ``unmet``), if any.
    package var column: String?

    package init(
        sql: String, parameters: [String], unmet: String = "not selected by the trigger",
        column: String? = nil
    ) {
        self.sql = sql
        self.parameters = parameters
        self.unmet = unmet
        self.column = column
    }

    package init(
        _ fragment: SQLFragment, unmet: String = "not selected by the trigger", column: String? = nil
    ) {
        self.init(sql: fragment.sql, parameters: fragment.parameters, unmet: unmet, column: column)
    }

    package init(stringLiteral sql: String) {
        self.init(sql: sql, parameters: [])
    }

    /// The condition as a fragment, to compose with others.
    package var fragment: SQLFragment { SQLFragment(sql: sql, parameters: parameters) }
}
