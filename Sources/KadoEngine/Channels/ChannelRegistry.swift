/// The channel providers kado knows, by the name written as `plugin:`.
public enum ChannelRegistry {
    /// Register a new provider here: one line.
    public static let providers: [any ChannelProvider.Type] = [
        FileProvider.self,
        SMTPProvider.self,
        MailtrapProvider.self,
        WhatsAppCloudProvider.self,
        WebhookProvider.self,
    ]

    public static func provider(named name: String) -> (any ChannelProvider.Type)? {
        providers.first { $0.name == name }
    }
}
