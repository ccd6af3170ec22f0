/// Everything loaded from `rules/` and `templates/`: tenants with their rules and templates.
public struct Configuration: Sendable {
    /// One tenant and what belongs to it.
    public struct Tenant: Sendable {
        public var config: TenantConfig
        public var rules: [RuleConfig]
        public var templates: [String: TemplateConfig]
        /// Made-up customers for previews: `templates/<tenant>/samples.yaml`, else built in
        /// for the tenant's locales; never empty for a loaded tenant.
        public var samples: [SampleUser] = []

        public init(
            config: TenantConfig, rules: [RuleConfig], templates: [String: TemplateConfig],
            samples: [SampleUser] = []
        ) {
            self.config = config
            self.rules = rules
            self.templates = templates
            self.samples = samples
        }

        /// The sample named `name`, else the first.
        public func sample(named name: String?) -> SampleUser? {
            samples.first { $0.name == name } ?? (name == nil ? samples.first : nil)
        }
    }

    public var tenants: [Tenant]

    public init(tenants: [Tenant]) {
        self.tenants = tenants
    }

    public func tenant(_ id: String) -> Tenant? {
        tenants.first { $0.config.id == id }
    }

    public var ruleCount: Int { tenants.reduce(0) { $0 + $1.rules.count } }
    public var templateCount: Int { tenants.reduce(0) { $0 + $1.templates.count } }
}
