/// A `{{trigger.NAME}}` value a trigger gives each message, such as the anniversary's
/// `years`: typed like an attribute, so that the message shows it in its locale.
package struct TriggerVariable: Sendable, Hashable {
    package var name: String
    package var type: AttributeType
    package var description: String

    package init(name: String, type: AttributeType, description: String) {
        self.name = name
        self.type = type
        self.description = description
    }
}
