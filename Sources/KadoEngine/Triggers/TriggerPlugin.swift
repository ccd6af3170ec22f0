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
}

/// A SQL boolean expression over the audience source (alias `a`) with its
/// parameters, which the evaluator binds after its own.
public struct AudienceCondition: Sendable {
    /// SQL with `$?` placeholders, numbered by the evaluator.
    public var sql: String
    public var parameters: [String]

    public init(sql: String, parameters: [String]) {
        self.sql = sql
        self.parameters = parameters
    }
}
