import KadoYAML

/// A tenant (`rules/<tenant>/tenant.yaml`): who they are, their clock, locale,
/// currency, where their users live, and their channels.
package struct TenantConfig: Sendable {
    package var id: String
    package var name: String
    package var timeZone: String
    package var clock: TenantClock
    package var locale: String
    package var currency: String
    /// The country calling code for phone numbers written without one (62 for Indonesia):
    /// `0812-0000-0011` is `+6281200000011` (see ``PhoneNumber``); nil when not set.
    package var phoneCountry: Int?
    package var audience: AudienceSource
    package var channels: [String: ChannelConfig]
    /// The HTTP API's keys (`api:`).
    package var api: APIConfig
    /// One-click unsubscribe (`public_url` and `unsubscribe.secret`); nil when not set up.
    package var unsubscribe: UnsubscribeConfig?
    /// `send_zone`: whose clock notifications' `send_at` is read on, unless a rule says.
    package var sendZone: SendZone = .tenant
    /// `quiet_hours`: when no message goes out, unless a channel has its own.
    package var quietHours: QuietHours?
    /// `frequency_cap`: at most so many messages per customer and channel in a window.
    package var frequencyCap: FrequencyCap?
    /// Every channel name written under `channels`, including those with errors.
    var declaredChannels: [String] = []
    package var file: String

    static let schema = ObjectSchema(
        "A tenant: rules/<tenant>/tenant.yaml.",
        fields: [
            FieldSchema(
                "id",
                .string(
                    StringSchema("Tenant id; must equal the folder name.", rule: Checks.identifier)),
                required: true),
            FieldSchema(
                "name", .string(StringSchema("Display name, shown in messages as {{tenant.name}}.")),
                required: true),
            FieldSchema(
                "timezone",
                .string(
                    StringSchema(
                        "IANA time zone: 'today' and trigger times are in this zone.", check: Checks.timeZone)
                ), required: true),
            FieldSchema(
                "locale",
                .string(
                    StringSchema("Default locale for messages, e.g. id-ID.", rule: Checks.locale)),
                required: true),
            FieldSchema(
                "currency",
                .string(
                    StringSchema("ISO 4217 currency for amounts, e.g. IDR.", rule: Checks.currency)),
                required: true),
            FieldSchema(
                "phone_country",
                .integer(
                    IntegerSchema(
                        "Country calling code for phone numbers written without one, e.g. 62 for Indonesia or 31 for the Netherlands: 0812-0000-0011 is sent as +6281200000011. Without it, numbers must be international (+62 812 ...).",
                        minimum: 1, maximum: 999))),
            FieldSchema("audience", .object(AudienceSource.schema)),
            FieldSchema(
                "channels",
                .object(
                    ObjectSchema(
                        "Channels by name (e.g. email, whatsapp).", fields: [],
                        additional: .object(ChannelConfig.schema),
                        keyRule: StringSchema("Channel name.", rule: Checks.identifier))),
                required: true),
            FieldSchema("api", .object(APIConfig.schema)),
            UnsubscribeConfig.publicURLField,
            FieldSchema("unsubscribe", .object(UnsubscribeConfig.schema)),
            FieldSchema("send_zone", .string(SendZone.schema)),
            FieldSchema("quiet_hours", .object(QuietHours.schema)),
            FieldSchema("frequency_cap", .object(FrequencyCap.schema)),
        ])

    init?(node: YAMLNode, folder: String, context: inout ConfigContext) {
        guard let id = node.string("id"), let name = node.string("name"), let zone = node.string("timezone"),
            let clock = TenantClock(identifier: zone), let locale = node.string("locale"),
            let currency = node.string("currency")
        else { return nil }
        if id != folder {
            context.error(node.mark("id"), "tenant id '\(id)' does not match its folder 'rules/\(folder)/'")
        }
        self.id = id
        self.name = name
        self.timeZone = zone
        self.clock = clock
        self.locale = locale
        self.currency = currency
        self.phoneCountry = node.int("phone_country").flatMap { (1...999).contains($0) ? $0 : nil }
        self.audience = AudienceSource(node: node["audience"], context: &context)
        self.audience.timeZone = zone
        self.file = context.document.file
        self.api = APIConfig(node: node["api"])
        self.unsubscribe = UnsubscribeConfig(tenant: node)
        var channels: [String: ChannelConfig] = [:]
        for pair in node["channels"]?.pairs ?? [] {
            guard let channelName = pair.key.scalar?.value else { continue }
            declaredChannels.append(channelName)
            if var channel = ChannelConfig(name: channelName, node: pair.value, context: &context) {
                channel.optIn = Self.consentColumn(
                    channel.optIn, audience: audience, mark: pair.value["opt_in"]?.mark ?? pair.value.mark,
                    context: &context)
                channels[channelName] = channel
            }
        }
        self.channels = channels
        self.sendZone = node.string("send_zone").flatMap(SendZone.init(rawValue:)) ?? .tenant
        if sendZone == .user, audience.columns.timezone == nil {
            context.error(
                node.mark("send_zone"),
                "'send_zone: user' needs the users' zone column: declare audience.columns.timezone (e.g. timezone: tz)"
            )
        }
        self.quietHours = QuietHours(node: node["quiet_hours"], context: &context)
        self.frequencyCap = FrequencyCap(
            node: node["frequency_cap"], declared: declaredChannels, context: &context)
    }

    /// The quiet hours in force on `channel`: its own, else the tenant's.
    package func quietHours(on channel: String) -> QuietHours? {
        channels[channel]?.quietHours ?? quietHours
    }

    /// The column a channel's `opt_in` reads: a declared boolean attribute's column, or, when
    /// no attribute has that name, the column itself (`kado doctor` checks it exists).
    private static func consentColumn(
        _ name: String?, audience: AudienceSource, mark: SourceMark, context: inout ConfigContext
    ) -> String? {
        guard let name else { return nil }
        guard let attribute = audience.attributes.first(where: { $0.name == name }) else {
            if let builtIn = Attribute.builtIn.first(where: { $0.name == name }) {
                context.error(
                    mark,
                    "'opt_in: \(name)' names the built-in attribute '\(builtIn.name)', which is not a consent flag: declare a boolean attribute (audience.attributes) or name a boolean column"
                )
            }
            return name
        }
        guard attribute.type == .boolean, case .column(let column) = attribute.source else {
            context.error(
                mark,
                "'opt_in: \(name)' must be a boolean attribute; '\(name)' is declared as \(attribute.type.rawValue)"
            )
            return nil
        }
        return column
    }
}
