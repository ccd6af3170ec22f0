import KadoYAML

/// The `attribute:` setting of a trigger that counts from a date attribute (anniversary,
/// relative): it must name a date attribute of the tenant.
enum DateAttributeSetting {
    static func field(_ description: String) -> FieldSchema {
        FieldSchema(
            "attribute", .string(StringSchema(description, rule: Checks.attributeName)), required: true)
    }

    /// The date attribute `settings` name; nil (with an error) when it is unknown or not a
    /// date, and nil without one when the tenant did not load. With `nonDateKey`, a non-date
    /// attribute is reported at that setting instead (its meaning needs a date).
    static func read(
        _ settings: YAMLNode, trigger: String, context: inout ConfigContext, nonDateKey: String? = nil
    ) -> Attribute? {
        guard let name = settings.string("attribute"), let audience = context.audience else { return nil }
        guard let attribute = audience.attribute(named: name) else {
            if !audience.faultyAttributes.contains(name) {
                context.error(settings.mark("attribute"), AttributeLookup.unknown(name, in: audience))
            }
            return nil
        }
        guard attribute.type == .date else {
            let mark = nonDateKey.map { settings.mark($0) } ?? settings.mark("attribute")
            let setting = nonDateKey.map { "'\($0)' compares month and day of a date, but " } ?? ""
            context.error(
                mark,
                "\(setting)'\(name)' is \(attribute.type.article) attribute; the \(trigger) trigger counts from a date attribute"
                    + AttributeLookup.dateHint(in: audience))
            return nil
        }
        return attribute
    }
}
