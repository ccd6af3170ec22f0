import KadoYAML

/// Hours of the recipient's wall clock in which no message goes out (`quiet_hours: {from:
/// "21:00", to: "08:00"}`, on a tenant or a channel): a message that would go out inside them,
/// first try or retry, waits until `to`. `from` after `to` spans midnight.
package struct QuietHours: Sendable, Hashable {
    package var from: LocalTime
    package var to: LocalTime

    package init(from: LocalTime, to: LocalTime) {
        self.from = from
        self.to = to
    }

    /// Whether `time` falls inside the quiet hours.
    package func contains(_ time: LocalTime) -> Bool {
        from < to ? (time >= from && time < to) : (time >= from || time < to)
    }

    static let schema = ObjectSchema(
        "Quiet hours on the recipient's wall clock (their own zone when the tenant declares audience.columns.timezone, else the tenant's): a message that would go out inside them waits until 'to'. 'from' after 'to' spans midnight.",
        fields: [
            FieldSchema(
                "from", .string(StringSchema("Start, HH:MM (e.g. \"21:00\").", rule: Checks.time)),
                required: true),
            FieldSchema(
                "to",
                .string(
                    StringSchema("End, HH:MM (e.g. \"08:00\"); messages go from then.", rule: Checks.time)),
                required: true),
        ])

    /// Reads `quiet_hours` under `node`; nil when absent or not valid (reported).
    init?(node: YAMLNode?, context: inout ConfigContext) {
        guard let node, let from = node.string("from").flatMap(LocalTime.init),
            let to = node.string("to").flatMap(LocalTime.init)
        else { return nil }
        if from == to {
            context.error(
                node.mark("to"),
                "quiet hours from \(from) to \(to) are empty: give 'to' another time (e.g. from \"21:00\" to \"08:00\")"
            )
            return nil
        }
        self.init(from: from, to: to)
    }
}
