import Foundation
import KadoPostgres

/// Builds the exact message a user would get from a rule on a channel, through
/// the dispatcher's own rendering path, without writing or sending anything.
/// `kado preview` and the studio both go through it.
package struct Preview: Sendable {
    package var tenant: Configuration.Tenant
    package var rule: RuleConfig
    package var channel: ChannelConfig
    package var date: LocalDate
    /// The locale asked for (`--locale`); the template must have it. Nil: the user's.
    package var locale: String?

    package init(
        tenant: Configuration.Tenant, rule: RuleConfig, channel: ChannelConfig, date: LocalDate,
        locale: String?
    ) {
        self.tenant = tenant
        self.rule = rule
        self.channel = channel
        self.date = date
        self.locale = locale
    }

    /// Looks a user up in the tenant's audience source.
    package func recipient(id: Int, connection: isolated PostgresConnection) throws
        -> TemplateValues.Recipient
    {
        let source = tenant.config.audience
        let row = try connection.query(
            "SELECT name, email, phone, locale FROM (\(source.recipientSelect)) u WHERE u.user_id = $1::bigint",
            [id]
        ).first
        guard let row else { throw Problem.noUser(id, table: source.table) }
        let (name, email, phone, userLocale) = try row.decode((String?, String?, String?, String?).self)
        return TemplateValues.Recipient(
            id: id, name: name ?? "", email: email, phone: phone, locale: userLocale)
    }

    /// What the rule's messages would capture of the user on `date` (their attributes as they
    /// are now, the trigger's values): read with the issuing statement's own expressions.
    package func snapshot(userID: Int, connection: isolated PostgresConnection) throws -> AttributeSnapshot {
        let source = tenant.config.audience
        let select = rule.snapshot(on: date, source: source)
        let sql =
            "SELECT (\(select.numbered(from: 1)))::text FROM \(source.quotedTable) a WHERE a.\(source.quoted(\.id)) = $\(select.parameters.count + 1)::bigint"
        let parameters: [(any PostgresEncodable)?] = select.parameters + [userID]
        return AttributeSnapshot(
            json: try connection.query(sql, parameters).first?.decode(String?.self, at: 0))
    }

    /// Made-up values for `--sample`, by type: the attribute's name for text, 3, 4.5, yes, the
    /// occurrence date.
    package var sampleSnapshot: AttributeSnapshot {
        var values: [String: AttributeSnapshot.Value] = [:]
        for path in rule.snapshotVariables {
            let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let type =
                parts[0] == "user"
                ? tenant.config.audience.attribute(named: parts[1])?.type
                : rule.trigger.givenVariables.first { $0.name == parts[1] }?.type
            switch type {
            case .string, .none: values[path] = .string("(\(parts[1]))")
            case .integer: values[path] = .integer(3)
            case .number: values[path] = .number(4.5)
            case .boolean: values[path] = .bool(true)
            case .date: values[path] = .string(date.description)
            }
        }
        return AttributeSnapshot(values: values)
    }

    /// What the user got when the rule already ran for `date` (the stored promo, their
    /// code, their outbox row), else nil.
    package func issued(userID: Int, connection: isolated PostgresConnection) throws -> PromoStore
        .IssuedToUser?
    {
        try PromoStore().issued(
            tenantID: tenant.config.id, ruleID: rule.id, date: date, userID: userID, channel: channel.name,
            connection: connection)
    }

    /// The template the rule's notification on this channel uses.
    package func template(renderer: MessageRenderer) throws -> CompiledTemplate {
        // The channel's own entry, else the entry it is the fallback of (same template).
        guard
            let note = rule.notifications.first(where: { $0.channel == channel.name })
                ?? rule.notifications.first(where: { $0.fallback == channel.name })
        else {
            throw Problem.noNotification(channel: channel.name, rule: rule.id)
        }
        guard let template = renderer.template(tenant: tenant.config.id, name: note.template) else {
            throw Problem.noTemplate(note.template)
        }
        return template
    }

    /// Renders the message for `recipient` with `code`. `terms` are the issued promo's
    /// (nil: what the rule would issue on `date`); `outboxID` is the message's outbox row,
    /// so the preview carries the same Message-ID the send does.
    ///
    /// `snapshot` is what the message shows of the user's attributes and the trigger: the
    /// outbox row's for an issued message, else ``snapshot(userID:connection:)`` or
    /// ``sampleSnapshot``.
    package func message(
        for recipient: TemplateValues.Recipient, code: String, terms: PromoTerms? = nil,
        outboxID: Int64? = nil, snapshot: AttributeSnapshot = AttributeSnapshot(),
        renderer: MessageRenderer
    ) throws -> OutgoingMessage {
        let template = try template(renderer: renderer)
        if let locale, !template.config.locales(for: channel.kind).contains(locale) {
            throw Problem.noLocale(
                template: template.config.name, kind: channel.kind, locale: locale,
                available: template.config.locales(for: channel.kind))
        }
        guard let raw = channel.kind.address == .email ? recipient.email : recipient.phone else {
            throw Problem.noAddress(user: recipient.id, kind: channel.kind)
        }
        let address: String
        switch channel.kind.address.normalized(raw, tenant: tenant.config) {
        case .success(let normalized): address = normalized
        case .failure(let problem): throw Problem.badAddress(raw, reason: problem.reason)
        }
        let preferred = locale ?? recipient.locale
        guard
            let message = renderer.message(
                id: outboxID ?? 0, tenant: tenant.config, ruleID: rule.id, ruleName: rule.name,
                channel: channel,
                template: template, recipient: recipient, address: address, code: code,
                terms: terms ?? PromoTerms(rule: rule, tenant: tenant.config, date: date), snapshot: snapshot,
                preferredLocale: preferred)
        else {
            let chosen = template.locale(
                for: channel.kind, preferred: preferred, tenantLocale: tenant.config.locale)
            throw Problem.cannotRender(template: template.config.name, locale: chosen)
        }
        return message
    }

    /// The message of `subject`; a user outside the audience gets none, and that is an
    /// error saying why.
    package func message(for subject: Subject, renderer: MessageRenderer) throws -> OutgoingMessage {
        if case .notInAudience(let reasons, let issued) = subject.standing {
            throw Problem.notInAudience(
                user: subject.recipient.id, tenant: tenant.config.id, rule: rule.id, date: date,
                reasons: reasons, issued: issued)
        }
        return try message(
            for: subject.recipient, code: subject.code, terms: subject.terms, outboxID: subject.outboxID,
            snapshot: subject.snapshot, renderer: renderer)
    }
}
