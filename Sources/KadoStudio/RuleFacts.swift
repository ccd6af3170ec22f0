import Foundation
import KadoEngine

/// What a rule does, in words, for the index and the rule page: its trigger, whom
/// it selects, its next fire times (tenant zone and UTC), its promo and messages.
enum RuleFacts {
    /// Next fire times listed.
    static let upcomingCount = 3

    static func render(
        rule: RuleConfig, tenant: Configuration.Tenant, now: Date, audience: HTML
    ) -> HTML {
        let schedule = RuleSchedule(rule: rule, tenant: tenant.config)
        let fires: HTML
        if rule.enabled {
            let items = schedule.upcoming(after: now, count: upcomingCount).map { o -> HTML in
                "<li><time datetime=\"\(ISO8601DateFormatter().string(from: o.instant))\">\(tenant.config.clock.format(o.instant))</time> <span class=\"muted\">· \(StudioTime.utc(o.instant))</span></li>"
            }
            fires = "<ul class=\"plain fires\">\(items)</ul>"
        } else {
            fires = "<span class=\"muted\">none: the rule is disabled</span>"
        }
        let messages = rule.notifications.map { note -> HTML in
            let kind = tenant.config.channels[note.channel]?.kind.rawValue ?? "unknown channel"
            return "<li>\(note.channel) (\(kind)) with template <code>\(note.template)</code></li>"
        }
        return """
            <dl class="facts">
            <dt>Trigger</dt><dd>\(schedule.words)</dd>
            <dt>Who</dt><dd>\(rule.trigger.audienceSummary)\(rule.verifiedOnly ? ", verified only" : "")</dd>
            <dt>Next fires</dt><dd>\(fires)</dd>
            <dt>Audience</dt><dd>\(audience)</dd>
            <dt>Promo</dt><dd>\(promo(rule: rule, tenant: tenant.config, now: now))</dd>
            <dt>Messages</dt><dd><ul class="plain">\(messages)</ul></dd>
            </dl>
            """
    }

    /// `Rp10.000 off, shared code BDAY-…, valid 1 day`, formatted in the tenant's locale.
    static func promo(rule: RuleConfig, tenant: TenantConfig, now: Date) -> HTML {
        let terms = PromoTerms(rule: rule, tenant: tenant, date: tenant.clock.localDate(at: now))
        let values = TemplateValues(
            tenant: tenant, ruleID: rule.id, ruleName: rule.name, terms: terms, code: "",
            recipient: .init(id: 0, name: "", email: nil, phone: nil, locale: nil), locale: tenant.locale)
        let discount = values.tree["discount"]?["text"] ?? ""
        let style = rule.code.style == .perUser ? "a personal code per user" : "one shared code"
        let days = rule.validityDays
        return
            "\(rule.promoName): \(discount) off, \(style) (\(rule.code.prefix)…, \(rule.code.length) characters), valid \(days) day\(days == 1 ? "" : "s")"
    }
}
