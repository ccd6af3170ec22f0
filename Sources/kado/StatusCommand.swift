import ArgumentParser
import Foundation
import KadoEngine
import KadoPostgres

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Per tenant and rule: last and next run, failed runs with their reason, and the outbox by status; paused channels."
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() async throws {
        try await reportingErrors {
            let configuration = try config.load()
            let connection = try await database.connect()
            let now = Date()
            var entries: [JSONValue] = []
            for tenant in configuration.tenants {
                for rule in tenant.rules {
                    let (tenantID, ruleID) = (tenant.config.id, rule.id)
                    let (history, counts) = try await connection.perform { c in
                        (
                            try RunStore().latest(tenant: tenantID, rule: ruleID, connection: c),
                            try OutboxStore().counts(tenant: tenantID, rule: ruleID, connection: c)
                        )
                    }
                    let next =
                        rule.enabled
                        ? RuleSchedule(rule: rule, tenant: tenant.config).nextFire(after: now) : nil
                    let outbox = OutboxStatus.allCases.map { ($0.rawValue, counts[$0] ?? 0) }
                    if format == .text {
                        print("\(tenantID)/\(ruleID)")
                        print("  last run: \(history.last.map(describe) ?? "never")")
                        print(
                            "  next run: "
                                + (next.map {
                                    "\(tenant.config.clock.format($0.instant)) (\(ISO8601.string($0.instant)))"
                                } ?? (rule.enabled ? "none" : "disabled")))
                        for failed in history.failing {
                            print(
                                "  FAILED \(failed.date) (\(failed.attempts) attempt\(failed.attempts == 1 ? "" : "s")\(failed.nextAttempt.map { ", next try \(ISO8601.string($0))" } ?? "")): \(failed.detail ?? "")"
                            )
                        }
                        print(
                            "  outbox:   "
                                + outbox.filter {
                                    $0.1 > 0 || ["pending", "failed", "dead", "sent"].contains($0.0)
                                }
                                .map { "\($0.0) \($0.1)" }.joined(separator: ", "))
                    }
                    entries.append(
                        .object([
                            ("tenant", .string(tenantID)), ("rule", .string(ruleID)),
                            ("enabled", .bool(rule.enabled)),
                            ("last_run", history.last.map(json) ?? .null),
                            ("failed_runs", .array(history.failing.map(json))),
                            ("next_run_utc", next.map { .string(ISO8601.string($0.instant)) } ?? .null),
                            (
                                "next_run_local",
                                next.map { .string(tenant.config.clock.format($0.instant)) } ?? .null
                            ),
                            ("outbox", .object(outbox.map { ($0.0, .int($0.1)) })),
                        ]))
                }
            }
            let tenants = configuration.tenants.map(\.config.id)
            let pauses = try await connection.perform { c in
                try ChannelStateStore().pauses(tenants: tenants, connection: c)
            }
            if format == .text {
                for pause in pauses {
                    print(
                        "PAUSED \(pause.tenantID) channel \(pause.channel) since \(ISO8601.string(pause.since)) until \(ISO8601.string(pause.until)) (\(pause.kind == .credentials ? "credentials rejected" : "rate limited")): \(pause.reason)"
                    )
                }
            } else {
                print(
                    JSONValue.object([
                        ("rules", .array(entries)),
                        (
                            "paused_channels",
                            .array(
                                pauses.map { p in
                                    .object([
                                        ("tenant", .string(p.tenantID)), ("channel", .string(p.channel)),
                                        ("kind", .string(p.kind.rawValue)),
                                        ("since", .string(ISO8601.string(p.since))),
                                        ("until", .string(ISO8601.string(p.until))),
                                        ("reason", .string(p.reason)),
                                    ])
                                })
                        ),
                    ]).rendered())
            }
        }
    }

    private func describe(_ r: RunStore.RunRecord) -> String {
        var text = "\(r.date) \(r.status.rawValue)"
        switch r.status {
        case .failed: text += " (\(r.attempts) attempts): \(r.detail ?? "")"
        case .skipped: text += " (\(r.detail ?? "missed"))"
        default:
            text +=
                " (audience \(r.audience), \(r.notifications) messages\(r.finishedAt.map { ", at \(ISO8601.string($0))" } ?? ""))"
        }
        return text
    }

    private func json(_ r: RunStore.RunRecord) -> JSONValue {
        .object([
            ("date", .string(r.date.description)), ("status", .string(r.status.rawValue)),
            ("audience", .int(r.audience)),
            ("notifications", .int(r.notifications)),
            ("finished_at", r.finishedAt.map { .string(ISO8601.string($0)) } ?? .null),
            ("attempts", .int(r.attempts)),
            ("next_attempt_at", r.nextAttempt.map { .string(ISO8601.string($0)) } ?? .null),
            ("detail", r.detail.map(JSONValue.string) ?? .null),
        ])
    }
}
