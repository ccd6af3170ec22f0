import KadoEngine

/// A rule's state on the page: valid, or the errors in the files it is made of (its
/// own file, its tenant's file, the templates it uses).
enum RuleState {
    static func files(rule: RuleConfig, tenant: Configuration.Tenant) -> Set<String> {
        var files: Set<String> = [rule.file, tenant.config.file]
        for note in rule.notifications {
            let name = note.template.split(separator: "/").last.map(String.init) ?? note.template
            if let template = tenant.templates[name] { files.insert(template.file) }
        }
        return files
    }

    static func badge(rule: RuleConfig, tenant: Configuration.Tenant, snapshot: StudioSnapshot) -> HTML {
        let errors = snapshot.diagnostics(in: files(rule: rule, tenant: tenant)).filter {
            $0.diagnostic.severity == .error
        }
        guard let first = errors.first else {
            return "<span class=\"badge ok\">valid</span>"
        }
        return
            "<a class=\"badge bad\" href=\"#\(DiagnosticsView.anchor(first.file))\">\(errors.count) error\(errors.count == 1 ? "" : "s")</a>"
    }
}
