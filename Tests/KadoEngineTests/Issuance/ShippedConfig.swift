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

    /// The shipped tenants with every message due as soon as it is issued (sayakaya's birthday
    /// messages wait for 09:00 on each customer's clock), for tests that issue an occurrence
    /// days ahead and send it at once. LocalSendTimeTests and DemoDataZoneTests check the
    /// shipped send times.
    static var dueAtOnce: Configuration {
        var configuration = configuration
        for t in configuration.tenants.indices {
            for r in configuration.tenants[t].rules.indices {
                configuration.tenants[t].rules[r].sendZone = nil
                for n in configuration.tenants[t].rules[r].notifications.indices {
                    configuration.tenants[t].rules[r].notifications[n].sendAt = nil
                }
            }
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
