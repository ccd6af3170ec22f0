extension ConfigLoader {
    /// Checks and links what a tenant's rules share once every file is read: exclusive groups
    /// (no two rules of a group with one priority; each rule learns the higher-priority rules
    /// it yields to), the `{{trigger.NAME}}` values their templates use (their trigger must give
    /// them), and what each outbox row captures for the messages (``RuleConfig/snapshotVariables``).
    func link(
        _ rules: inout [RuleConfig], tenant: TenantConfig, templates: [String: TemplateConfig],
        diagnostics: inout Diagnostics
    ) {
        linkExclusiveGroups(&rules, diagnostics: &diagnostics)
        for index in rules.indices {
            rules[index].snapshotVariables = snapshotVariables(
                of: rules[index], tenant: tenant, templates: templates, diagnostics: &diagnostics)
        }
    }

    private func linkExclusiveGroups(_ rules: inout [RuleConfig], diagnostics: inout Diagnostics) {
        let members = rules.indices.compactMap { index in rules[index].exclusive.map { (index, $0) } }
        let groups = Dictionary(grouping: members, by: \.1.group)
        for (group, rulesOfGroup) in groups {
            if rulesOfGroup.count == 1, let (_, only) = rulesOfGroup.first {
                let others = groups.keys.filter { $0 != group }
                diagnostics.warning(
                    only.groupMark,
                    "exclusive group '\(group)' has no other rule\(Suggestion.hint(for: group, in: Array(others))), so it changes nothing"
                )
            }
            for (position, (index, exclusive)) in rulesOfGroup.enumerated() {
                if let (other, otherGroup) = rulesOfGroup.prefix(position).first(where: {
                    $0.1.priority == exclusive.priority
                }) {
                    diagnostics.error(
                        exclusive.priorityMark,
                        "rules '\(rules[index].id)' and '\(rules[other].id)' of exclusive group '\(group)' both have priority \(exclusive.priority) (also at \(otherGroup.priorityMark)): give them different priorities, the higher one wins"
                    )
                }
                rules[index].outranking = rulesOfGroup.filter { $0.1.priority > exclusive.priority }
                    .sorted { $0.1.priority > $1.1.priority }
                    .map { rules[$0.0].audience }
            }
        }
    }

    private func snapshotVariables(
        of rule: RuleConfig, tenant: TenantConfig, templates: [String: TemplateConfig],
        diagnostics: inout Diagnostics
    ) -> [String] {
        let given = Set(rule.trigger.givenVariables.map(\.name))
        let attributes = Set((Attribute.templateBuiltIns + tenant.audience.attributes).map(\.name))
        var captured = Set<String>()
        for note in rule.notifications {
            let name = note.template.split(separator: "/").last.map(String.init) ?? note.template
            guard let template = templates[name] else { continue }
            for path in template.variables.sorted() {
                let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                switch parts[0] {
                case "user" where attributes.contains(parts[1]):
                    captured.insert(path)
                case "trigger" where given.contains(parts[1]):
                    captured.insert(path)
                case "trigger":
                    let givers = TriggerRegistry.plugins.filter {
                        $0.variables.contains { $0.name == parts[1] }
                    }
                    .map { $0.name }
                    diagnostics.error(
                        note.templateMark,
                        "template '\(name)' uses {{\(path)}}, which the \(rule.trigger.pluginName) trigger of rule '\(rule.id)' does not give (the \(givers.joined(separator: " and ")) trigger does)"
                    )
                default:
                    continue
                }
            }
        }
        return captured.sorted()
    }
}
