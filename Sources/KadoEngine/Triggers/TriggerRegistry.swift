/// The triggers kado knows, by the name marketing writes as `trigger.plugin`.
package enum TriggerRegistry {
    /// Register a new trigger here: one line.
    package static let plugins: [any TriggerPlugin.Type] = [
        BirthdayTrigger.self,
        AnniversaryTrigger.self,
        DateTrigger.self,
        RelativeTrigger.self,
    ]

    /// Every `{{trigger.NAME}}` some trigger gives, for the template model.
    package static var variables: [TriggerVariable] {
        var seen = Set<String>()
        return plugins.flatMap { $0.variables }.filter { seen.insert($0.name).inserted }
    }

    package static func plugin(named name: String) -> (any TriggerPlugin.Type)? {
        plugins.first { $0.name == name }
    }
}
