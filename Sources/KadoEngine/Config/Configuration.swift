/// Everything loaded from `rules/` and `templates/`: tenants with their rules and templates.
public struct Configuration: Sendable {
    /// One tenant and what belongs to it.
    public struct Tenant: Sendable {
        public var config: TenantConfig
        public var rules: [RuleConfig]
        public var templates: [String: TemplateConfig]
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
