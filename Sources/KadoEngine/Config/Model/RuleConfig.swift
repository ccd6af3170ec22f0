import KadoYAML

/// A campaign (`rules/<tenant>/<rule>.yaml`): when it fires, who gets what, for
/// how long, and which messages tell them.
package struct RuleConfig: Sendable {
    package var id: String
    package var tenantID: String
    package var name: String
    package var enabled: Bool
    package var trigger: any TriggerPlugin
    /// Local time of day the trigger fires, in the tenant's zone.
    package var at: LocalTime
    /// How many days after its date a missed occurrence is still run (0: same local day only).
    package var catchUpDays: Int
    /// The first local date the rule may fire (`trigger.starts_on`).
    package var startsOn: LocalDate?
    package var verifiedOnly: Bool
    /// `audience.where`: conditions that must all hold.
    package var conditions: [Condition] = []
    /// The rule's exclusive group, if any.
    package var exclusive: ExclusiveGroup?
    /// The enabled and disabled rules of its exclusive group with a higher priority, highest
    /// first (set when the tenant's rules are loaded): on a date they fire, their audiences
    /// are left out of this one's.
    package var outranking: [RuleAudience] = []
    /// The template variables the rule's messages show that come from the user or the trigger
    /// (`user.tier`, `trigger.years`; set when the templates are loaded): their values are
    /// stored with each outbox row at issuance.
    package var snapshotVariables: [String] = []
    package var promoName: String
    package var code: PromoCodeSpec
    package var discount: DiscountSpec
    /// Days the promo is valid, the occurrence day included (1: that day only).
    package var validityDays: Int
    package var notifications: [NotificationSpec]
    /// `send_zone`: whose clock the notifications' `send_at` is read on; nil: the tenant's setting.
    package var sendZone: SendZone?
    package var file: String
    /// Where the rule's `id` value is written (duplicate ids are reported there).
    package var mark: SourceMark

    static let triggerSchema = ConfigSchema.plugin(
        PluginSchema(
            "When the rule fires.",
            common: [
                FieldSchema(
                    "at",
                    .string(
                        StringSchema("Local time HH:MM in the tenant's zone.", rule: Checks.time)),
                    required: true),
                FieldSchema(
                    "catch_up_days",
                    .integer(
                        IntegerSchema(
                            "Days after the occurrence date a missed run is still made (0: only the same local day).",
                            minimum: 0, maximum: 31, default: 0))),
                FieldSchema(
                    "starts_on",
                    .string(
                        StringSchema(
                            "First local date the rule may fire (YYYY-MM-DD); nothing before it is run or caught up.",
                            check: Checks.date))),
            ],
            variants: TriggerRegistry.plugins.map { (name: $0.name, settings: $0.settings) }))

    static let schema = ObjectSchema(
        "A campaign rule: rules/<tenant>/<rule>.yaml.",
        fields: [
            FieldSchema(
                "id",
                .string(
                    StringSchema("Rule id, unique within the tenant.", rule: Checks.identifier)),
                required: true),
            FieldSchema("name", .string(StringSchema("Human name of the campaign.")), required: true),
            FieldSchema("enabled", .boolean(description: "false pauses the rule (default true).")),
            FieldSchema("trigger", triggerSchema, required: true),
            FieldSchema(
                "audience",
                .object(
                    ObjectSchema(
                        "Who qualifies.",
                        fields: [
                            FieldSchema(
                                "verified_only",
                                .boolean(
                                    description: "Only users whose verified column is true (default true).")),
                            FieldSchema("where", Condition.list),
                        ]))),
            FieldSchema("exclusive", .object(ExclusiveGroup.schema)),
            FieldSchema(
                "promo",
                .object(
                    ObjectSchema(
                        "The promo created for each occurrence.",
                        fields: [
                            FieldSchema(
                                "name", .string(StringSchema("Promo name stored with the promo.")),
                                required: true),
                            FieldSchema("code", .object(PromoCodeSpec.schema)),
                        ])), required: true),
            FieldSchema("discount", .object(DiscountSpec.schema), required: true),
            FieldSchema(
                "validity",
                .object(
                    ObjectSchema(
                        "How long the promo is valid.",
                        fields: [
                            FieldSchema(
                                "days",
                                .integer(
                                    IntegerSchema(
                                        "Days valid, the occurrence day included (1: that day only).",
                                        minimum: 1, maximum: 366)), required: true)
                        ])),
                required: true),
            FieldSchema("send_zone", .string(SendZone.schema)),
            FieldSchema(
                "notify", .array(ArraySchema("Messages to send.", items: .object(NotificationSpec.schema))),
                required: true),
        ])

    init?(node: YAMLNode, tenant: TenantConfig?, tenantID: String, context: inout ConfigContext) {
        // Read every part before giving up, so one run reports every problem.
        context.audience = tenant?.audience
        let conditions = ConditionParser(audience: tenant?.audience).conditions(
            node["audience"]?["where"], context: &context)
        let promo = node["promo"]
        let code = PromoCodeSpec(node: promo?["code"], context: &context)
        let discount = node["discount"].flatMap {
            DiscountSpec(node: $0, tenant: tenant, context: &context)
        }
        let triggerNode = node["trigger"]
        let plugin = triggerNode?.string("plugin").flatMap(TriggerRegistry.plugin(named:))
        let trigger = triggerNode.flatMap { n in plugin.map { $0.init(settings: n, context: &context) } }
        guard let id = node.string("id"), let name = node.string("name"), let trigger,
            let at = triggerNode?.string("at").flatMap(LocalTime.init), let promoName = promo?.string("name"),
            let discount, let validity = node["validity"]?.int("days"), validity > 0
        else { return nil }
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.enabled = node.bool("enabled") ?? true
        self.trigger = trigger
        self.at = at
        self.catchUpDays = triggerNode?.int("catch_up_days") ?? 0
        self.startsOn = triggerNode?.string("starts_on").flatMap(LocalDate.init)
        self.verifiedOnly = node["audience"]?.bool("verified_only") ?? true
        self.conditions = conditions
        self.exclusive = ExclusiveGroup(node: node["exclusive"])
        self.promoName = promoName
        self.code = code
        self.discount = discount
        self.validityDays = validity
        self.notifications = Self.notifications(in: node)
        self.sendZone = node.string("send_zone").flatMap(SendZone.init(rawValue:))
        if sendZone == .user, let tenant, tenant.audience.columns.timezone == nil {
            context.error(
                node.mark("send_zone"),
                "'send_zone: user' needs the users' zone column: declare audience.columns.timezone in \(tenant.file)"
            )
        }
        self.file = context.document.file
        self.mark = node.mark("id")
    }

    /// Who the rule selects, for exclusive groups.
    package var audience: RuleAudience { RuleAudience(self) }

    /// The `notify` entries, read on their own so they are checked even when the rest of the rule is not valid.
    static func notifications(in node: YAMLNode) -> [NotificationSpec] {
        (node["notify"]?.items ?? []).compactMap { item in
            guard let channel = item.string("channel"), let template = item.string("template") else {
                return nil
            }
            return NotificationSpec(
                channel: channel, template: template, mark: item.mark, channelMark: item.mark("channel"),
                templateMark: item.mark("template"), sendAt: item.string("send_at").flatMap(LocalTime.init),
                fallback: item.string("fallback"), fallbackMark: item["fallback"]?.mark)
        }
    }
}
