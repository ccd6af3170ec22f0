import KadoYAML

/// Writes each message into a directory (`.eml` for email, `.json` for WhatsApp):
/// the default when no real provider is configured, and handy for review.
package struct FileProvider: ChannelProvider {
    package static let name = "file"
    package static var kinds: Set<MessageKind> { Set(MessageKind.allCases) }
    /// Writing a file needs no throttling: the channel's rate limit does not apply.
    package static let isRateLimited = false
    package static let settings = ObjectSchema(
        "Write messages as files into a directory.",
        fields: [
            FieldSchema("dir", .string(StringSchema("Directory for message files.", default: "./outbox")))
        ])

    package var directory: String

    package init(directory: String) {
        self.directory = directory
    }

    package init?(settings: YAMLNode, context: inout ConfigContext) {
        let dir = settings.string("dir") ?? ""
        directory = dir.isEmpty ? "./outbox" : dir
    }

    package var summary: String { "file outbox \(directory)" }
}
