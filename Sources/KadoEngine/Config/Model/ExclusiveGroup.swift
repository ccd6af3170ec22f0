import KadoYAML

/// A rule's place in an exclusive group (`exclusive: {group: birthday, priority: 20}`): among
/// a tenant's rules of one group that fire on the same date, a user gets only the promo of the
/// highest-priority rule whose audience holds them.
package struct ExclusiveGroup: Sendable, Hashable {
    package var group: String
    /// Higher wins.
    package var priority: Int
    /// Where `group` and `priority` are written.
    package var groupMark: SourceMark
    package var priorityMark: SourceMark

    package init(group: String, priority: Int, groupMark: SourceMark, priorityMark: SourceMark) {
        self.group = group
        self.priority = priority
        self.groupMark = groupMark
        self.priorityMark = priorityMark
    }

    static let schema = ObjectSchema(
        "One promo per user among the tenant's rules of a group that fire on the same date: the highest priority whose audience holds them.",
        fields: [
            FieldSchema(
                "group", .string(StringSchema("The group's name, e.g. birthday.", rule: Checks.identifier)),
                required: true),
            FieldSchema(
                "priority",
                .integer(
                    IntegerSchema(
                        "Higher wins; two rules of one group may not share a priority.", minimum: 0,
                        maximum: 1_000_000)), required: true),
        ])

    init?(node: YAMLNode?) {
        guard let node, let group = node.string("group"), let priority = node.int("priority") else {
            return nil
        }
        self.init(
            group: group, priority: priority, groupMark: node.mark("group"),
            priorityMark: node.mark("priority"))
    }
}
