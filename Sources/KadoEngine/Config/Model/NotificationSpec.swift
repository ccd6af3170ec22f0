import KadoYAML

/// One message a rule sends: through which channel, with which template.
public struct NotificationSpec: Sendable, Hashable {
    public var channel: String
    public var template: String
    public var mark: SourceMark
    public var channelMark: SourceMark
    public var templateMark: SourceMark

    static let schema = ObjectSchema(
        "A notification: a tenant channel and a template of the same tenant.",
        fields: [
            FieldSchema(
                "channel", .string(StringSchema("Channel name from the tenant's 'channels'.")), required: true
            ),
            FieldSchema(
                "template", .string(StringSchema("Template name: templates/<tenant>/<name>.yaml.")),
                required: true),
        ])
}
