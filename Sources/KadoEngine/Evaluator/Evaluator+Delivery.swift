import Foundation

extension Evaluator {
    /// The rule's notification entries as the issuing statement writes them: channel, template,
    /// kind, when each row is due (`send_at` on the clock `send_zone` names; with `send_zone:
    /// user` and no `send_at`, the trigger's own time on each user's clock) and the fallback
    /// channel. A fallback to a channel the rule already sends on is left out: that message is
    /// written anyway.
    static func channels(of rule: RuleConfig, tenant: TenantConfig) -> [PromoStore.Channel] {
        let own = Set(rule.notifications.map(\.channel))
        let zone = rule.sendZone ?? tenant.sendZone
        return rule.notifications.compactMap { note in
            guard let channel = tenant.channels[note.channel] else { return nil }
            let template = note.template.split(separator: "/").last.map(String.init) ?? note.template
            var entry = PromoStore.Channel(name: note.channel, template: template, kind: channel.kind)
            entry.sendZone = zone
            entry.sendAt = note.sendAt ?? (zone == .user ? rule.at : nil)
            if let name = note.fallback, !own.contains(name), let fallback = tenant.channels[name] {
                entry.fallback = name
                entry.fallbackKind = fallback.kind
            }
            return entry
        }
    }

    /// What every row of the occurrence on `date` carries: the tenant's zone and the rule's
    /// rank (its exclusive-group priority, and the instant it fires on `date`).
    static func delivery(of rule: RuleConfig, tenant: TenantConfig, date: LocalDate) -> PromoStore.Delivery {
        PromoStore.Delivery(
            tenantZone: tenant.timeZone, priority: rule.exclusive?.priority ?? 0,
            triggerAt: tenant.clock.instant(of: date, at: rule.at))
    }
}
