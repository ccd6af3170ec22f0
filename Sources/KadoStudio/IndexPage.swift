import Foundation
import KadoEngine

/// `/`: every tenant and rule with its state, trigger, next fire times and audience,
/// and every problem of the tree.
struct IndexPage {
    var snapshot: StudioSnapshot
    var now: Date
    var rulesDirectory: String
    /// Dry-run results by "tenant/rule" (nil: no database), with the date they are for.
    var audiences: [String: (Result<EvaluationResult, StudioFailure>, LocalDate)]?

    func render() -> HTML {
        let tenants = snapshot.good?.configuration.tenants ?? []
        let sections = tenants.map(tenantSection)
        let intro: HTML =
            tenants.isEmpty
            ? "<p>No configuration has loaded yet.</p>"
            : "<p class=\"muted\">\(tenants.count) tenant\(tenants.count == 1 ? "" : "s"), \(tenants.reduce(0) { $0 + $1.rules.count }) rules. Open a rule to see every message it sends, in every locale.</p>"
        let body: HTML = """
            <h1>Campaigns</h1>
            \(intro)
            \(StatusBanner.render(snapshot))
            \(DiagnosticsView.render(snapshot.diagnostics))
            \(sections)
            """
        return PageLayout(
            title: "Campaigns", crumbs: [.init(title: "Campaigns", href: "/")],
            generation: snapshot.generation
        ).render(body)
    }

    private func tenantSection(_ tenant: Configuration.Tenant) -> HTML {
        let t = tenant.config
        let rules = tenant.rules.map { ruleCard($0, tenant: tenant) }
        let unloaded = unloadedFiles(tenant: tenant).map { file, count -> HTML in
            "<li><a href=\"#\(DiagnosticsView.anchor(file))\"><code>\(file)</code></a>: not loaded, <span class=\"badge bad\">\(count) error\(count == 1 ? "" : "s")</span></li>"
        }
        let unloadedList: HTML =
            unloaded.isEmpty ? .empty : "<p>New or renamed files with errors:</p><ul>\(unloaded)</ul>"
        let samples = tenant.samples.map { s -> HTML in
            "\(s.name)\(s.locale.map { " (\($0))" } ?? "")"
        }
        let origin: HTML =
            tenant.samples.first?.isBuiltIn ?? true
            ? " <span class=\"muted\">(built in; declare your own in <code>templates/\(t.id)/samples.yaml</code>)</span>"
            : " <span class=\"muted\">(from <code>templates/\(t.id)/samples.yaml</code>)</span>"
        return """
            <section class="card" aria-labelledby="tenant-\(t.id)">
            <h2 id="tenant-\(t.id)">\(t.name) <span class="muted">· <code>\(t.id)</code></span></h2>
            <p class="muted">\(t.timeZone) · \(t.locale) · \(t.currency) · users from <code>\(t.audience.table)</code></p>
            <p>Sample customers: \(HTML.join(samples, separator: ", "))\(origin)</p>
            \(unloadedList)
            <div class="rules">\(rules)</div>
            </section>
            """
    }

    private func ruleCard(_ rule: RuleConfig, tenant: Configuration.Tenant) -> HTML {
        let key = "\(tenant.config.id)/\(rule.id)"
        let audience: HTML
        if !rule.enabled {
            audience = AudienceView.disabled
        } else if let audiences {
            audience = AudienceView.render(audiences[key]?.0, date: audiences[key]?.1)
        } else {
            audience = AudienceView.render(nil, date: nil)
        }
        return """
            <article class="card" aria-labelledby="rule-\(tenant.config.id)-\(rule.id)">
            <h3 id="rule-\(tenant.config.id)-\(rule.id)"><a href="\(RoutePaths.rule(tenant: tenant.config.id, rule: rule.id))">\(rule.name)</a> \
            <span class="muted"><code>\(rule.id)</code></span> \(RuleState.badge(rule: rule, tenant: tenant, snapshot: snapshot))</h3>
            \(RuleFacts.render(rule: rule, tenant: tenant, now: now, audience: audience))
            </article>
            """
    }

    /// Files under the tenant's rules folder with errors that no loaded rule comes from.
    private func unloadedFiles(tenant: Configuration.Tenant) -> [(String, Int)] {
        let folder =
            (rulesDirectory.hasSuffix("/") ? rulesDirectory : rulesDirectory + "/") + tenant.config.id + "/"
        let known = Set(tenant.rules.map(\.file) + [tenant.config.file])
        var counts: [String: Int] = [:]
        for d in snapshot.errors where d.file.hasPrefix(folder) && !known.contains(d.file) {
            counts[d.file, default: 0] += 1
        }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
