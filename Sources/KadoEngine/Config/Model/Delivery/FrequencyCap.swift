import KadoYAML

/// At most `messages` campaign messages per customer and channel in any rolling window of
/// `perDays` days, across the tenant's rules (`frequency_cap:` in tenant.yaml); the extra ones
/// end `capped`, the higher-ranked rule's message winning (exclusive-group priority, else the
/// earlier trigger).
package struct FrequencyCap: Sendable, Hashable {
    package var messages: Int
    package var perDays: Int
    /// The channels the cap applies to, each counted on its own.
    package var channels: [String]
    package var mark: SourceMark

    package init(
        messages: Int, perDays: Int, channels: [String],
        mark: SourceMark = SourceMark(file: "tenant.yaml", line: 1, column: 1)
    ) {
        self.messages = messages
        self.perDays = perDays
        self.channels = channels
        self.mark = mark
    }

    static let schema = ObjectSchema(
        "At most 'messages' campaign messages per customer and channel in any rolling window of 'per_days' days, across rules; the extra ones are not sent and end 'capped' (the higher exclusive-group priority, else the earlier trigger, wins).",
        fields: [
            FieldSchema(
                "messages",
                .integer(
                    IntegerSchema(
                        "Messages per customer and channel in the window.", minimum: 1, maximum: 1000)),
                required: true),
            FieldSchema(
                "per_days",
                .integer(IntegerSchema("The window, in days.", minimum: 1, maximum: 366)), required: true),
            FieldSchema(
                "channels",
                .array(
                    ArraySchema(
                        "The tenant channels the cap applies to (each counted on its own).",
                        items: .string(StringSchema("A channel of the tenant.", rule: Checks.identifier)),
                        minItems: 1)),
                required: true),
        ])

    /// Reads `frequency_cap`; nil when absent or not valid (reported). Channel names are
    /// checked against `declared`.
    init?(node: YAMLNode?, declared: [String], context: inout ConfigContext) {
        guard let node, let messages = node.int("messages"), messages >= 1, let days = node.int("per_days"),
            days >= 1
        else { return nil }
        var channels: [String] = []
        for item in node["channels"]?.items ?? [] {
            guard let name = item.scalar?.value else { continue }
            if !declared.contains(name) {
                context.error(
                    item.mark,
                    "frequency cap names unknown channel '\(name)'\(Suggestion.hint(for: name, in: declared)); the tenant defines: \(declared.sorted().joined(separator: ", "))"
                )
                continue
            }
            channels.append(name)
        }
        guard !channels.isEmpty else { return nil }
        self.messages = messages
        self.perDays = days
        self.channels = channels
        self.mark = node.mark
    }
}
