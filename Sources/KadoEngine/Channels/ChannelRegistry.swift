/// The channel providers kado knows, by the name written as `plugin:`.
package enum ChannelRegistry {
    /// Register a new provider here: one line.
    package static let providers: [any ChannelProvider.Type] = [
        FileProvider.self,
        SMTPProvider.self,
        MailtrapProvider.self,
        WhatsAppCloudProvider.self,
        WebhookProvider.self,
        TwilioProvider.self,
    ]

    package static func provider(named name: String) -> (any ChannelProvider.Type)? {
        providers.first { $0.name == name }
    }
}
