/// The triggers kado knows, by the name marketing writes as `trigger.plugin`.
public enum TriggerRegistry {
    /// Register a new trigger here: one line.
    public static let plugins: [any TriggerPlugin.Type] = [
        BirthdayTrigger.self
    ]

    public static func plugin(named name: String) -> (any TriggerPlugin.Type)? {
        plugins.first { $0.name == name }
    }
}
