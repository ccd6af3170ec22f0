import Foundation
import KadoEngine
import KadoTestSupport

/// The repository's shipped rules and templates, loaded with a fixed environment.
enum ShippedConfig {
    static let configuration: Configuration = {
        let root = TestDatabase.repositoryRoot.path
        let result = ConfigLoader(
            rulesDirectory: root + "/rules", templatesDirectory: root + "/templates",
            environment: ["KADO_OUTBOX": "/tmp/kado-test-outbox"]
        ).load()
        guard let configuration = result.configuration else {
            fatalError("shipped config is invalid: \(result.diagnostics)")
        }
        return configuration
    }()

    /// The shipped tenants with only the birthday rules the seed had (sayakaya's birthday,
    /// lunaria's birthday-week), for tests that count runs per tenant.
    static var birthdaysOnly: Configuration {
        var configuration = configuration
        for index in configuration.tenants.indices {
            configuration.tenants[index].rules.removeAll { $0.id != "birthday" && $0.id != "birthday-week" }
        }
        return configuration
    }

    static var sayakaya: (TenantConfig, RuleConfig) {
        let t = configuration.tenant("sayakaya")!
        return (t.config, t.rules.first { $0.id == "birthday" }!)
    }

    static var lunaria: (TenantConfig, RuleConfig) {
        let t = configuration.tenant("lunaria")!
        return (t.config, t.rules.first { $0.id == "birthday-week" }!)
    }
}
