/// Messages for attributes a rule names that the tenant does not have.
enum AttributeLookup {
    /// "unknown attribute 'teir' (did you mean 'tier'?); ..." with what exists.
    static func unknown(_ name: String, in audience: AudienceSource) -> String {
        let declared = audience.attributes.map(\.name)
        let known =
            declared.isEmpty
            ? "declares none (audience.attributes)" : "declares: \(declared.joined(separator: ", "))"
        return
            "unknown attribute '\(name)'\(Suggestion.hint(for: name, in: audience.attributeNames)); the tenant \(known); built in: \(Attribute.builtIn.map(\.name).joined(separator: ", "))"
    }

    /// " (date attributes: birthday, member_since)".
    static func dateHint(in audience: AudienceSource) -> String {
        let dates = (Attribute.builtIn + audience.attributes).filter { $0.type == .date }.map(\.name)
        return " (date attributes: \(dates.joined(separator: ", ")))"
    }
}
