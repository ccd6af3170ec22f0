import KadoYAML

/// Writes each message into a directory (`.eml` for email, `.json` for WhatsApp):
/// the default when no real provider is configured, and handy for review.
public struct FileProvider: ChannelProvider {
    public static let name = "file"
    public static let kinds: Set<MessageKind> = [.email, .whatsapp]
    /// Writing a file needs no throttling: the channel's rate limit does not apply.
    public static let isRateLimited = false
    public static let settings = ObjectSchema(
        "Write messages as files into a directory.",
        fields: [
            FieldSchema("dir", .string(StringSchema("Directory for message files.", default: "./outbox")))
        ])

    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public init?(settings: YAMLNode, context: inout ConfigContext) {
        let dir = settings.string("dir") ?? ""
        directory = dir.isEmpty ? "./outbox" : dir
    }

    public var summary: String { "file outbox \(directory)" }
}
