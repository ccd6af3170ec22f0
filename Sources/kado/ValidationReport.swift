import Foundation
import KadoEngine

/// What `kado validate` prints, as text or JSON.
struct ValidationReport {
    var result: ConfigLoader.Result
    var now: Date
    var elapsed: Duration

    var text: String {
        var out = ""
        for d in result.diagnostics { out += "\(d)\n" }
        guard let configuration = result.configuration else {
            let errors = result.errors
            let files = Set(errors.map(\.mark.file)).count
            out +=
                "\(errors.count) error\(errors.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")\n"
            return out
        }
        out +=
            "valid: \(configuration.tenants.count) tenant\(configuration.tenants.count == 1 ? "" : "s"), "
            + "\(configuration.ruleCount) rule\(configuration.ruleCount == 1 ? "" : "s"), "
            + "\(configuration.templateCount) template\(configuration.templateCount == 1 ? "" : "s")\n"
        for tenant in configuration.tenants {
            let t = tenant.config
            out +=
                "\n\(t.id) (\(t.name); \(t.timeZone), \(t.locale), \(t.currency); users from \(t.audience.table))\n"
            for channel in t.channels.values.sorted(by: { $0.name < $1.name }) {
                out += "  channel \(channel.name) (\(channel.kind.rawValue)): \(channel.provider.summary)\n"
            }
            for rule in tenant.rules {
                let state = rule.enabled ? "" : " [disabled]"
                out += "  rule \(rule.id)\(state): \(rule.name)\n"
                if rule.enabled, let next = RuleSchedule(rule: rule, tenant: t).nextFire(after: now) {
                    out += "    next fire: \(t.clock.format(next.instant)) (\(Self.utc(next.instant)))\n"
                }
            }
        }
        return out
    }

    var json: JSONValue {
        var tenants: [JSONValue] = []
        for tenant in result.configuration?.tenants ?? [] {
            let t = tenant.config
            let rules: [JSONValue] = tenant.rules.map { rule in
                var fields: [(String, JSONValue)] = [
                    ("id", .string(rule.id)), ("name", .string(rule.name)), ("enabled", .bool(rule.enabled)),
                ]
                if rule.enabled, let next = RuleSchedule(rule: rule, tenant: t).nextFire(after: now) {
                    fields.append(("next_fire_local", .string(t.clock.format(next.instant))))
                    fields.append(("next_fire_utc", .string(Self.utc(next.instant))))
                    fields.append(("next_occurrence_date", .string(next.date.description)))
                }
                return .object(fields)
            }
            tenants.append(
                .object([
                    ("id", .string(t.id)), ("time_zone", .string(t.timeZone)), ("locale", .string(t.locale)),
                    ("currency", .string(t.currency)), ("rules", .array(rules)),
                    ("templates", .array(tenant.templates.keys.sorted().map(JSONValue.string))),
                ]))
        }
        let diagnostics: [JSONValue] = result.diagnostics.map {
            .object([
                ("file", .string($0.mark.file)), ("line", .int($0.mark.line)),
                ("column", .int($0.mark.column)),
                ("severity", .string($0.severity.rawValue)), ("message", .string($0.message)),
            ])
        }
        return .object([
            ("valid", .bool(result.configuration != nil)),
            ("diagnostics", .array(diagnostics)),
            ("tenants", .array(tenants)),
        ])
    }

    static func utc(_ date: Date) -> String {
        ISO8601.string(date)
    }
}
