import KadoYAML

/// A tenant's named channel: the kind of message it carries and the provider
/// that delivers it (the first configured one of its `providers` list).
package struct ChannelConfig: Sendable {
    package var name: String
    package var kind: MessageKind
    /// Email `From` (address or `Name <address>`); required for email channels.
    package var sender: String? {
        didSet { senderAddress = sender.flatMap { try? MailAddress(parsing: $0) } }
    }
    /// `sender` parsed once for every message of the channel; nil when unset or invalid.
    package private(set) var senderAddress: MailAddress?
    /// Messages per second at most; nil for no limit.
    package var rateLimit: Double?
    /// Attempts before a failing message is marked dead.
    package var maxAttempts: Int
    /// How long the channel pauses after the provider rejected the credentials, unless a
    /// reload comes first.
    package var credentialsRetry: Duration
    /// The provider in use: the first of `providers` whose settings are present.
    package var provider: any ChannelProvider
    /// Consent (`opt_in`): the boolean column of the audience source it reads (a declared
    /// boolean attribute's column, or the column named); only users whose value is true get
    /// messages on this channel. Nil: no consent column.
    package var optIn: String?
    /// `quiet_hours`: this channel's own, instead of the tenant's.
    package var quietHours: QuietHours?
    package var mark: SourceMark

    /// Attempts before a failing message is marked dead, unless the channel says otherwise.
    package static let defaultMaxAttempts = 8
    /// Minutes a channel pauses after rejected credentials, unless the channel says otherwise.
    package static let defaultCredentialsRetryMinutes = 10

    /// The rate limit in force: the channel's, when its provider is one that throttles.
    package var effectiveRateLimit: Double? {
        type(of: provider).isRateLimited ? rateLimit : nil
    }

    static let providerSchema = ConfigSchema.plugin(
        PluginSchema(
            "A delivery provider; the first one whose settings are present is used.",
            variants: ChannelRegistry.providers.map { (name: $0.name, settings: $0.settings) }))

    static let schema = ObjectSchema(
        "A channel: the message kind and the providers to deliver it, in order of preference.",
        fields: [
            FieldSchema(
                "kind",
                .string(
                    StringSchema(
                        "Message kind: \(MessageKind.allCases.map(\.rawValue).joined(separator: ", ")) (defaults to the channel's name).",
                        allowed: MessageKind.allCases.map(\.rawValue)))),
            FieldSchema(
                "sender",
                .string(
                    StringSchema(
                        "Email From: Name <address@domain> or address@domain, e.g. \"SayaKaya <promo@sayakaya.id>\"; use ${EMAIL_SENDER}."
                    ))),
            FieldSchema(
                "rate_limit",
                .number(
                    NumberSchema(
                        "Messages per second at most, for the tenant's channel as a whole, however many dispatchers run (the file outbox is never throttled).",
                        exclusiveMinimum: 0))),
            FieldSchema(
                "max_attempts",
                .integer(
                    IntegerSchema(
                        "Attempts before a message is marked dead.", minimum: 1, maximum: 100,
                        default: defaultMaxAttempts))),
            FieldSchema(
                "credentials_retry_minutes",
                .integer(
                    IntegerSchema(
                        "Minutes the channel pauses when the provider rejects its credentials (SMTP 535, HTTP 401/403, WhatsApp token error 190) before trying again; a reload (SIGHUP) resumes it at once. Messages wait, they do not die.",
                        minimum: 1, maximum: 1440, default: defaultCredentialsRetryMinutes))),
            FieldSchema(
                "opt_in",
                .string(
                    StringSchema(
                        "Consent: a boolean attribute of the tenant (audience.attributes), or a boolean column of its audience source (e.g. whatsapp_opt_in); only users whose value is true get messages on this channel. WhatsApp requires opt-in.",
                        rule: Checks.sqlIdentifier))),
            FieldSchema("quiet_hours", .object(QuietHours.schema)),
            FieldSchema(
                "providers",
                .array(
                    ArraySchema(
                        "Providers in order of preference; the first configured one is used.",
                        items: providerSchema, minItems: 1)),
                required: true),
        ])

    /// Builds the channel; nil (with a diagnostic) when no provider is usable.
    init?(name: String, node: YAMLNode, context: inout ConfigContext) {
        let kindName = node.string("kind") ?? name
        guard let kind = MessageKind(rawValue: kindName) else {
            if node["kind"] == nil {
                context.error(
                    node.mark,
                    "channel '\(name)' needs a 'kind:' (its name is not a message kind; kinds: \(MessageKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            return nil
        }
        var chosen: (any ChannelProvider)?
        for item in node["providers"]?.items ?? [] {
            guard let pluginName = item.string("plugin"),
                let type = ChannelRegistry.provider(named: pluginName)
            else { continue }
            if !type.kinds.contains(kind) {
                context.error(
                    item.mark("plugin"),
                    "provider '\(pluginName)' cannot deliver \(kind.rawValue) messages (it delivers \(type.kinds.map(\.rawValue).sorted().joined(separator: ", ")))"
                )
                continue
            }
            if let provider = type.init(settings: item, context: &context), chosen == nil {
                chosen = provider
            }
        }
        guard let chosen else {
            if !(node["providers"]?.items?.isEmpty ?? true) {
                context.error(
                    node.mark("providers"),
                    "channel '\(name)' has no configured provider (every provider's settings are empty); add `- plugin: file` as the last resort"
                )
            }
            return nil
        }
        let sender = node.string("sender")
        if kind == .email, sender?.isEmpty ?? true {
            context.error(
                node["sender"]?.mark ?? node.mark,
                "email channel '\(name)' needs a 'sender' (the From address)")
        } else if kind == .email, let sender {
            // Checked as the SMTP provider will use it, so a bad sender fails here, not at send.
            do {
                senderAddress = try MailAddress(parsing: sender)
            } catch {
                context.error(
                    node.mark("sender"),
                    "'channels.\(name).sender' must be 'Name <address@domain>' or 'address@domain', e.g. \"SayaKaya <promo@sayakaya.id>\" (\(error.message))"
                )
            }
        }
        self.name = name
        self.kind = kind
        self.sender = sender
        self.rateLimit = node.double("rate_limit")
        self.maxAttempts = node.int("max_attempts") ?? Self.defaultMaxAttempts
        self.credentialsRetry = .seconds(
            60 * (node.int("credentials_retry_minutes") ?? Self.defaultCredentialsRetryMinutes))
        self.provider = chosen
        self.optIn = node.string("opt_in")
        self.quietHours = QuietHours(node: node["quiet_hours"], context: &context)
        self.mark = node.mark
    }
}
