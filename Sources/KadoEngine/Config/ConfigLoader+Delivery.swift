extension ConfigLoader {
    /// A notification's `fallback`: a channel of the tenant other than the entry's own, whose
    /// kind the entry's template can render.
    func checkFallback(
        of note: NotificationSpec, tenant: TenantConfig, template: TemplateConfig?,
        diagnostics: inout Diagnostics
    ) {
        guard let fallback = note.fallback, let mark = note.fallbackMark else { return }
        if fallback == note.channel {
            diagnostics.error(
                mark,
                "'fallback: \(fallback)' is the entry's own channel; name another channel of tenant '\(tenant.id)' (\(tenant.declaredChannels.filter { $0 != fallback }.sorted().joined(separator: ", ")))"
            )
            return
        }
        guard tenant.declaredChannels.contains(fallback) else {
            let names = tenant.declaredChannels.sorted()
            diagnostics.error(
                mark,
                "unknown fallback channel '\(fallback)'\(Suggestion.hint(for: fallback, in: names)); tenant '\(tenant.id)' defines: \(names.joined(separator: ", "))"
            )
            return
        }
        if let channel = tenant.channels[fallback], let template, !template.supports(channel.kind) {
            diagnostics.error(
                mark,
                "template '\(template.name)' has no '\(channel.kind.rawValue)' section, needed by fallback channel '\(fallback)'"
            )
        }
    }
}
