import Foundation
import KadoPostgres
import Logging

/// Decides which occurrences are due at an instant, on each tenant's own clock,
/// and evaluates them, each on its own: one rule or tenant that fails (a missing
/// table, bad SQL) is recorded as a failed run with its reason and retried with
/// backoff, and never stops the others.
///
/// An occurrence is due when its trigger instant has passed and it has no settled run
/// record. By default only the tenant's current local date is caught up (no belated
/// birthday messages); a rule's `catch_up_days` widens that window, but never to dates
/// before this database first saw the rule (a new deployment does not backfill), nor
/// before the rule's `trigger.starts_on`. Older occurrences missed during downtime are
/// recorded as `skipped` and logged.
package struct Scheduler: Sendable {
    package var configuration: Configuration
    package var logger: Logger
    private let runs = RunStore()

    /// How far back missed occurrences are looked for, at most.
    static let lookBackDays = 31

    package init(configuration: Configuration, logger: Logger = Logger(label: "kado.scheduler")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// One (tenant, rule, date) that is due now.
    package struct Due: Sendable, Hashable {
        package var tenantID: String
        package var ruleID: String
        package var date: LocalDate
        package var instant: Date
    }

    /// What is due at an instant.
    package struct Plan: Sendable, Hashable {
        /// Occurrences to evaluate now, oldest first.
        package var due: [Due] = []
        /// Missed occurrences beyond their catch-up window, to be recorded as skipped.
        package var skipped: [Due] = []
        /// When the earliest failed run that is not due yet may be retried.
        package var nextRetry: Date?
    }

    /// Occurrences due at `now` that have no settled run record yet, and missed ones
    /// beyond the catch-up window. One statement for every rule (it also records the
    /// first sight of new rules).
    package func plan(at now: Date, connection: isolated PostgresConnection) throws -> Plan {
        var wanted: [(tenantID: String, ruleID: String, since: LocalDate)] = []
        for tenant in configuration.tenants {
            let today = tenant.config.clock.localDate(at: now)
            for rule in tenant.rules where rule.enabled {
                wanted.append((tenant.config.id, rule.id, today.adding(days: -Self.lookBackDays)))
            }
        }
        let histories = try runs.histories(wanted, now: now, connection: connection)
        var plan = Plan()
        for tenant in configuration.tenants {
            for rule in tenant.rules where rule.enabled {
                guard let history = histories[runs.key(tenant: tenant.config.id, rule: rule.id)] else {
                    continue
                }
                add(rule: rule, tenant: tenant.config, history: history, now: now, to: &plan)
            }
        }
        plan.due.sort { $0.instant < $1.instant }
        return plan
    }

    private func add(
        rule: RuleConfig, tenant: TenantConfig, history: RunStore.RuleHistory, now: Date, to plan: inout Plan
    ) {
        let schedule = RuleSchedule(rule: rule, tenant: tenant)
        let clock = tenant.clock
        let today = clock.localDate(at: now)
        let window = today.adding(days: -rule.catchUpDays)
        // Missed occurrences are only looked for after the last recorded one, so a
        // first deployment does not flood the run log with "skipped" history, and
        // never before this database first saw the rule or before its starts_on.
        var earliest = history.lastRecorded.map { min($0.adding(days: 1), window) } ?? window
        earliest = max(
            earliest, today.adding(days: -Self.lookBackDays), clock.localDate(at: history.firstSeen))
        if let startsOn = rule.startsOn { earliest = max(earliest, startsOn) }
        for (day, retryAt) in history.retries where day >= max(earliest, window) && retryAt > now {
            plan.nextRetry = min(plan.nextRetry ?? retryAt, retryAt)
        }
        var day = earliest
        while day <= today {
            defer { day = day.adding(days: 1) }
            let occurrence = schedule.occurrence(on: day)
            guard occurrence.instant <= now, !history.settled.contains(day),
                rule.trigger.audienceCondition(on: day, source: tenant.audience) != nil
            else { continue }
            let item = Due(tenantID: tenant.id, ruleID: rule.id, date: day, instant: occurrence.instant)
            if day < window {
                plan.skipped.append(item)
            } else if let retryAt = history.retries[day], retryAt > now {
                continue
            } else {
                plan.due.append(item)
            }
        }
    }

    /// The next trigger instant after `now` across all enabled rules.
    package func nextTrigger(after now: Date) -> Date? {
        configuration.tenants.flatMap { tenant in
            tenant.rules.filter(\.enabled).compactMap {
                RuleSchedule(rule: $0, tenant: tenant.config).nextFire(after: now)?.instant
            }
        }.min()
    }

    /// What one pass did.
    package struct Report: Sendable {
        package var results: [EvaluationResult] = []
        /// Occurrences whose evaluation failed (recorded, to be retried).
        package var failures: [EvaluationFailure] = []
        /// When the scheduler has work again: the next trigger or failed-run retry.
        package var nextWake: Date?
    }

    /// Records what was skipped and evaluates everything due at `now`, each occurrence
    /// on its own. Throws only ``DatabaseUnavailable`` (the database went away).
    package func runDue(at now: Date, database: Database) async throws -> Report {
        let plan = try await database.perform { c in try self.plan(at: now, connection: c) }
        if !plan.skipped.isEmpty {
            let keys = plan.skipped.map {
                RunStore.Key(tenantID: $0.tenantID, ruleID: $0.ruleID, date: $0.date)
            }
            try await database.perform { [runs] c in
                try runs.recordSkipped(
                    keys, detail: "missed: the catch-up window had closed when kado ran", connection: c)
            }
            for item in plan.skipped {
                logger.warning(
                    "occurrence skipped: catch-up window closed",
                    metadata: [
                        "tenant": .string(item.tenantID), "rule": .string(item.ruleID),
                        "date": "\(item.date)",
                    ])
            }
        }
        var report = Report()
        var nextRetry = plan.nextRetry
        for item in plan.due {
            guard let tenant = configuration.tenant(item.tenantID),
                let rule = tenant.rules.first(where: { $0.id == item.ruleID })
            else { continue }
            let evaluator = Evaluator(tenant: tenant.config, rule: rule)
            do {
                let result = try await database.perform { c in
                    try evaluator.evaluate(on: item.date, connection: c)
                }
                log(result)
                KadoMetrics.evaluation(
                    tenant: result.tenantID, rule: result.ruleID, outcome: result.outcome.rawValue)
                report.results.append(result)
            } catch let failure as EvaluationFailure {
                let (attempts, next) = try await database.perform { c in
                    try evaluator.recordFailure(failure, at: now, connection: c)
                }
                nextRetry = min(nextRetry ?? next, next)
                logger.error(
                    "evaluation failed; other rules go on, this one is retried",
                    metadata: [
                        "tenant": .string(failure.tenantID), "rule": .string(failure.ruleID),
                        "date": "\(failure.date)",
                        "sqlstate": .string(failure.error.sqlState ?? ""), "reason": .string(failure.reason),
                        "attempts": .stringConvertible(attempts),
                        "next_attempt": .string(ISO8601.string(next)),
                    ])
                KadoMetrics.evaluation(tenant: failure.tenantID, rule: failure.ruleID, outcome: "failed")
                report.failures.append(failure)
            }
        }
        let next = nextTrigger(after: now)
        report.nextWake = [next, nextRetry].compactMap { $0 }.min()
        return report
    }

    private func log(_ result: EvaluationResult) {
        logger.info(
            "evaluated",
            metadata: [
                "tenant": .string(result.tenantID), "rule": .string(result.ruleID), "date": "\(result.date)",
                "outcome": .string(result.outcome.rawValue), "audience": .stringConvertible(result.audience),
                "notifications": .stringConvertible(result.notificationTotal),
                "ms": .stringConvertible((result.elapsed.inMilliseconds * 10).rounded() / 10),
            ])
    }
}
