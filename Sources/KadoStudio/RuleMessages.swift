import Foundation
import KadoEngine

/// Every message of one rule for one subject (a sample or a real user) on one date:
/// per notification, per locale of its template, the message exactly as the
/// dispatcher would build it (``Preview``, ``MessageRenderer``), its fallback's too.
struct RuleMessages: Sendable {
    var tenant: Configuration.Tenant
    var rule: RuleConfig
    var date: LocalDate
    var channels: [ChannelMessages]

    /// One notification of the rule, or the fallback of one.
    struct ChannelMessages: Sendable {
        var note: NotificationSpec
        /// The channel this one is the fallback of; nil for the rule's own entries.
        var fallbackOf: String? = nil
        var channel: ChannelConfig?
        /// Who the messages are for and where they stand; a failure says why there is none.
        var subject: Result<Preview.Subject, StudioFailure>
        /// The locale this subject would get without choosing one.
        var usersLocale: String?
        var variants: [Variant]
    }

    /// One locale of the template.
    struct Variant: Sendable {
        var locale: String
        var message: Result<OutgoingMessage, StudioFailure>
    }

    /// Builds the messages. `only` limits them to one channel and locale (a download).
    static func build(
        tenant: Configuration.Tenant, rule: RuleConfig, renderer: MessageRenderer, date: LocalDate,
        who: SubjectQuery.Who, database: StudioDatabase?, only: (channel: String, locale: String)? = nil
    ) async -> RuleMessages {
        var channels: [ChannelMessages] = []
        // Each entry, then its fallback (same template) for the customers it cannot reach.
        let entries = rule.notifications.flatMap { note -> [(NotificationSpec, String?)] in
            guard let fallback = note.fallback,
                !rule.notifications.contains(where: { $0.channel == fallback })
            else { return [(note, nil)] }
            var spare = note
            spare.channel = fallback
            spare.fallback = nil
            return [(note, nil), (spare, note.channel)]
        }
        for (note, fallbackOf) in entries where only == nil || only?.channel == note.channel {
            guard let channel = tenant.config.channels[note.channel] else {
                channels.append(
                    ChannelMessages(
                        note: note, fallbackOf: fallbackOf, channel: nil,
                        subject: .failure(StudioFailure("the tenant has no channel '\(note.channel)'")),
                        usersLocale: nil, variants: []))
                continue
            }
            let base = Preview(tenant: tenant, rule: rule, channel: channel, date: date, locale: nil)
            let subject = await subject(who, preview: base, tenant: tenant, database: database)
            let template = try? base.template(renderer: renderer)
            let usersLocale = (try? subject.get()).flatMap { s in
                template?.locale(
                    for: channel.kind, preferred: s.recipient.locale, tenantLocale: tenant.config.locale)
            }
            // The subject's own variant first, then the others in order.
            let locales = (template?.config.locales(for: channel.kind) ?? []).sorted { a, b in
                (a == usersLocale ? 0 : 1, a) < (b == usersLocale ? 0 : 1, b)
            }
            var variants: [Variant] = []
            for locale in locales where only == nil || only?.locale == locale {
                var preview = base
                preview.locale = locale
                let message = subject.flatMap { s in
                    Result { try preview.message(for: s, renderer: renderer) }.mapError(StudioFailure.init)
                }
                variants.append(Variant(locale: locale, message: message))
            }
            channels.append(
                ChannelMessages(
                    note: note, fallbackOf: fallbackOf, channel: channel, subject: subject,
                    usersLocale: usersLocale,
                    variants: variants))
        }
        return RuleMessages(tenant: tenant, rule: rule, date: date, channels: channels)
    }

    private static func subject(
        _ who: SubjectQuery.Who, preview: Preview, tenant: Configuration.Tenant, database: StudioDatabase?
    ) async -> Result<Preview.Subject, StudioFailure> {
        switch who {
        case .sample(let name):
            guard let sample = tenant.sample(named: name) else {
                return .failure(
                    StudioFailure(
                        Preview.Problem.noSample(
                            name ?? "", tenant: tenant.config.id, available: tenant.samples.map(\.name))))
            }
            return .success(preview.subject(for: sample))
        case .user(let id):
            guard let database else {
                return .failure(
                    StudioFailure(
                        "real users need a database: start the studio with --database-url URL (or DATABASE_URL)"
                    ))
            }
            do {
                return .success(try await database.subject(preview, userID: id))
            } catch {
                return .failure(StudioFailure(error))
            }
        }
    }
}
