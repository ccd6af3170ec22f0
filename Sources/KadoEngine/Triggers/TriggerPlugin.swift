import KadoYAML

/// A kind of campaign trigger. A new trigger is one type conforming to this
/// protocol plus one line in ``TriggerRegistry``: the evaluator stays generic.
public protocol TriggerPlugin: Sendable {
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
}

extension TriggerPlugin {
    public var audienceSummary: String { "users selected by the '\(Self.name)' trigger" }
}

/// A SQL boolean expression over the audience source (alias `a`) with its
/// parameters, which the evaluator binds after its own, and what it means in words
/// when a user does not meet it (``AudienceMembership`` says why a user is left out).
public struct AudienceCondition: Sendable {
    /// SQL with `$?` placeholders, numbered by the evaluator.
    public var sql: String
    public var parameters: [String]
    /// What a user who fails the condition is, in words: "birthday not on 20 November".
    public var unmet: String
    /// The audience column whose value shows why a user fails it (its value is quoted
    /// beside ``unmet``), if any.
    public var column: String?

    public init(
        sql: String, parameters: [String], unmet: String = "not selected by the trigger",
        column: String? = nil
    ) {
        self.sql = sql
        self.parameters = parameters
        self.unmet = unmet
        self.column = column
    }
}
