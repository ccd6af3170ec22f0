/// Everything loaded from `rules/` and `templates/`: tenants with their rules and templates.
package struct Configuration: Sendable {
    /// One tenant and what belongs to it.
    package struct Tenant: Sendable {
        package var config: TenantConfig
        package var rules: [RuleConfig]
        package var templates: [String: TemplateConfig]
        /// Made-up customers for previews: `templates/<tenant>/samples.yaml`, else built in
        /// for the tenant's locales; never empty for a loaded tenant.
        package var samples: [SampleUser] = []

        package init(
            config: TenantConfig, rules: [RuleConfig], templates: [String: TemplateConfig],
            samples: [SampleUser] = []
        ) {
            self.config = config
            self.rules = rules
            self.templates = templates
            self.samples = samples
        }

        /// The sample named `name`, else the first.
        package func sample(named name: String?) -> SampleUser? {
            samples.first { $0.name == name } ?? (name == nil ? samples.first : nil)
        }
    }

    package var tenants: [Tenant]

    package init(tenants: [Tenant]) {
        self.tenants = tenants
    }

    package func tenant(_ id: String) -> Tenant? {
        tenants.first { $0.config.id == id }
    }

    package var ruleCount: Int { tenants.reduce(0) { $0 + $1.rules.count } }
    package var templateCount: Int { tenants.reduce(0) { $0 + $1.templates.count } }
}
