import Foundation
import KadoPostgres
import Logging

/// Decides which occurrences are due at an instant, on each tenant's own clock,
/// and evaluates them.
///
/// An occurrence is due when its trigger instant has passed and it has no run
/// record. By default only the tenant's current local date is caught up (no
/// belated birthday messages); a rule's `catch_up_days` widens that window.
/// Older occurrences missed during downtime are recorded as `skipped` and logged.
public struct Scheduler: Sendable {
    public var configuration: Configuration
    public var logger: Logger

    /// How far back missed occurrences are looked for, at most.
    static let lookBackDays = 31

    public init(configuration: Configuration, logger: Logger = Logger(label: "kado.scheduler")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// One (tenant, rule, date) that is due now.
    public struct Due: Sendable, Hashable {
        public var tenantID: String
        public var ruleID: String
        public var date: LocalDate
        public var instant: Date
    }

    /// Occurrences due at `now` that have no run record yet, oldest first, and
    /// missed ones beyond the catch-up window (to be recorded as skipped).
    public func plan(at now: Date, connection: isolated PostgresConnection) throws -> (
        due: [Due], skipped: [Due]
    ) {
        var due: [Due] = []
        var skipped: [Due] = []
        for tenant in configuration.tenants {
            for rule in tenant.rules where rule.enabled {
                let schedule = RuleSchedule(rule: rule, tenant: tenant.config)
                let today = tenant.config.clock.localDate(at: now)
                // One round trip per rule (the daemon plans on every poll): the last
                // recorded date, and the dates recorded within the look-back window.
                let recorded = try connection.query(
                    """
                    SELECT (SELECT max(occurrence_date) FROM kado_runs WHERE tenant_id = $1 AND rule_id = $2)::text,
                           coalesce(string_agg(occurrence_date::text, ','), '')
                      FROM kado_runs WHERE tenant_id = $1 AND rule_id = $2 AND occurrence_date >= $3::date
                    """, [tenant.config.id, rule.id, today.adding(days: -Self.lookBackDays).description]
                ).first
                let lastRecorded = try recorded?.decode(String?.self, at: 0).flatMap { LocalDate($0) }
                let done = Set(
                    try recorded?.decode(String.self, at: 1).split(separator: ",").map(String.init) ?? [])
                // Missed occurrences are only looked for after the last recorded one, so a
                // first deployment does not flood the run log with "skipped" history.
                let window = today.adding(days: -rule.catchUpDays)
                let earliest = lastRecorded.map { min($0.adding(days: 1), window) } ?? window
                var day = max(earliest, today.adding(days: -Self.lookBackDays))
                while day <= today {
                    let occurrence = schedule.occurrence(on: day)
                    if occurrence.instant <= now, !done.contains(day.description),
                        rule.trigger.audienceCondition(on: day, source: tenant.config.audience) != nil
                    {
                        let item = Due(
                            tenantID: tenant.config.id, ruleID: rule.id, date: day,
                            instant: occurrence.instant)
                        if day >= window {
                            due.append(item)
                        } else {
                            skipped.append(item)
                        }
                    }
                    day = day.adding(days: 1)
                }
            }
        }
        return (due.sorted { $0.instant < $1.instant }, skipped)
    }

    /// Records occurrences missed beyond their catch-up window.
    public func recordSkipped(_ skipped: [Due], connection: isolated PostgresConnection) throws {
        for item in skipped {
            try connection.query(
                """
                INSERT INTO kado_runs (tenant_id, rule_id, occurrence_date, status, finished_at, detail)
                VALUES ($1, $2, $3::date, 'skipped', now(), $4) ON CONFLICT DO NOTHING
                """,
                [
                    item.tenantID, item.ruleID, item.date.description,
                    "missed: the catch-up window had closed when kado ran",
                ])
            logger.warning(
                "occurrence skipped: catch-up window closed",
                metadata: ["tenant": "\(item.tenantID)", "rule": "\(item.ruleID)", "date": "\(item.date)"])
        }
    }

    /// The next trigger instant after `now` across all enabled rules.
    public func nextTrigger(after now: Date) -> Date? {
        configuration.tenants.flatMap { tenant in
            tenant.rules.filter(\.enabled).compactMap {
                RuleSchedule(rule: $0, tenant: tenant.config).nextFire(after: now)?.instant
            }
        }.min()
    }

    /// Evaluates everything due at `now` (after recording what was skipped).
    public func runDue(at now: Date, connection: PostgresConnection) async throws -> [EvaluationResult] {
        let (due, skipped) = try await connection.perform { c in try self.plan(at: now, connection: c) }
        if !skipped.isEmpty {
            try await connection.perform { c in try self.recordSkipped(skipped, connection: c) }
        }
        var results: [EvaluationResult] = []
        for item in due {
            guard let tenant = configuration.tenant(item.tenantID),
                let rule = tenant.rules.first(where: { $0.id == item.ruleID })
            else { continue }
            let result = try await Evaluator(tenant: tenant.config, rule: rule).evaluate(
                on: item.date, connection: connection)
            logger.info(
                "evaluated",
                metadata: [
                    "tenant": "\(result.tenantID)", "rule": "\(result.ruleID)", "date": "\(result.date)",
                    "outcome": "\(result.outcome.rawValue)", "audience": "\(result.audience)",
                    "notifications": "\(result.notificationTotal)",
                    "ms":
                        "\(result.elapsed.components.seconds * 1000 + result.elapsed.components.attoseconds / 1_000_000_000_000_000)",
                ])
            results.append(result)
        }
        return results
    }
}
