import ArgumentParser
import Foundation
import KadoEngine
import KadoPostgres

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Per tenant and rule: last and next run, and pending, failed and dead notifications.")

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
                    let (last, counts) = try await connection.perform { c in
                        let last = try c.query(
                            """
                            SELECT occurrence_date::text, status, audience, notifications,
                                   to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                              FROM kado_runs WHERE tenant_id = $1 AND rule_id = $2 ORDER BY occurrence_date DESC LIMIT 1
                            """, [tenant.config.id, rule.id]
                        ).first.map { try $0.decode((String, String, Int, Int, String?).self) }
                        var counts: [String: Int] = [:]
                        for row in try c.query(
                            """
                            SELECT n.status, count(*) FROM notifications n JOIN promos p ON p.id = n.promo_id
                             WHERE n.tenant_id = $1 AND p.rule_id = $2 GROUP BY n.status
                            """, [tenant.config.id, rule.id])
                        {
                            let (status, n) = try row.decode((String, Int).self)
                            counts[status] = n
                        }
                        return (last, counts)
                    }
                    let next =
                        rule.enabled
                        ? RuleSchedule(rule: rule, tenant: tenant.config).nextFire(after: now) : nil
                    let outbox = ["pending", "failed", "dead", "sent"].map { ($0, counts[$0] ?? 0) }
                    if format == .text {
                        let lastText =
                            last.map {
                                "\($0.0) \($0.1) (audience \($0.2), \($0.3) messages\($0.4.map { ", at \($0)" } ?? ""))"
                            } ?? "never"
                        let nextText =
                            next.map {
                                "\(tenant.config.clock.format($0.instant)) (\(ValidationReport.utc($0.instant)))"
                            } ?? (rule.enabled ? "none" : "disabled")
                        print("\(tenant.config.id)/\(rule.id)")
                        print("  last run: \(lastText)")
                        print("  next run: \(nextText)")
                        print("  outbox:   " + outbox.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
                    }
                    entries.append(
                        .object([
                            ("tenant", .string(tenant.config.id)), ("rule", .string(rule.id)),
                            ("enabled", .bool(rule.enabled)),
                            (
                                "last_run",
                                last.map {
                                    .object([
                                        ("date", .string($0.0)), ("status", .string($0.1)),
                                        ("audience", .int($0.2)),
                                        ("notifications", .int($0.3)),
                                        ("finished_at", $0.4.map(JSONValue.string) ?? .null),
                                    ])
                                } ?? .null
                            ),
                            ("next_run_utc", next.map { .string(ValidationReport.utc($0.instant)) } ?? .null),
                            (
                                "next_run_local",
                                next.map { .string(tenant.config.clock.format($0.instant)) } ?? .null
                            ),
                            ("outbox", .object(outbox.map { ($0.0, .int($0.1)) })),
                        ]))
                }
            }
            if format == .json { print(JSONValue.array(entries).rendered()) }
        }
    }
}
