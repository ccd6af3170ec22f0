import KadoYAML

/// One message a rule sends: through which channel, with which template.
package struct NotificationSpec: Sendable, Hashable {
    package var channel: String
    package var template: String
    package var mark: SourceMark
    package var channelMark: SourceMark
    package var templateMark: SourceMark
    /// `send_at`: the local time of the occurrence date the message is due at (on the
    /// recipient's or the tenant's clock, see ``SendZone``); nil: as soon as it is issued.
    package var sendAt: LocalTime?
    /// `fallback`: the tenant channel that carries the message when this one cannot reach the
    /// customer (no address, no consent, suppressed, or the provider says unreachable).
    package var fallback: String?
    package var fallbackMark: SourceMark?

    static let schema = ObjectSchema(
        "A notification: a tenant channel and a template of the same tenant.",
        fields: [
            FieldSchema(
                "channel", .string(StringSchema("Channel name from the tenant's 'channels'.")), required: true
            ),
            FieldSchema(
                "template", .string(StringSchema("Template name: templates/<tenant>/<name>.yaml.")),
                required: true),
            FieldSchema(
                "send_at",
                .string(
                    StringSchema(
                        "Local time HH:MM of the occurrence date the message is due at, on the clock send_zone names (a time already past when the promo is issued: at once).",
                        rule: Checks.time))),
            FieldSchema(
                "fallback",
                .string(
                    StringSchema(
                        "Another channel of the tenant for customers this one cannot reach (no address, no consent, or the provider answers that the recipient cannot get this channel, e.g. WhatsApp 131026): sent once instead, rendered from the same promo and template.",
                        rule: Checks.identifier))),
        ])
}
