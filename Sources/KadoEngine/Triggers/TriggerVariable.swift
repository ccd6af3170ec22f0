/// A `{{trigger.NAME}}` value a trigger gives each message, such as the anniversary's
/// `years`: typed like an attribute, so that the message shows it in its locale.
public struct TriggerVariable: Sendable, Hashable {
    public var name: String
    public var type: AttributeType
    public var description: String

    public init(name: String, type: AttributeType, description: String) {
        self.name = name
        self.type = type
        self.description = description
    }
}
