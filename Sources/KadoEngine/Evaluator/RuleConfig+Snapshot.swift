extension RuleConfig {
    /// What the outbox row keeps of the user and the trigger for the rule's messages, as SQL
    /// over the audience source (alias `a`): a `jsonb` object from each of
    /// ``snapshotVariables`` (`user.tier`, `trigger.years`) to its value on `date`, or NULL
    /// when the messages show none.
    func snapshot(on date: LocalDate, source: AudienceSource) -> SQLFragment {
        let pairs: [SQLFragment] = snapshotVariables.compactMap { path in
            guard let value = snapshotValue(path, on: date, source: source) else { return nil }
            return .concat([.bind(path, as: "text"), ", ", value])
        }
        guard !pairs.isEmpty else { return "NULL::jsonb" }
        // jsonb_build_object takes at most 100 arguments: 50 pairs per call.
        let calls = stride(from: 0, to: pairs.count, by: 50).map { start in
            SQLFragment.concat([
                "jsonb_build_object(",
                .list(Array(pairs[start..<min(pairs.count, start + 50)])), ")",
            ])
        }
        return .joined(calls, separator: " || ", empty: "NULL::jsonb")
    }

    private func snapshotValue(_ path: String, on date: LocalDate, source: AudienceSource) -> SQLFragment? {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "user": return source.attribute(named: parts[1]).map { source.value($0, on: date) }
        case "trigger": return trigger.value(of: parts[1], on: date, source: source)
        default: return nil
        }
    }
}
