import ArgumentParser
import Foundation
import KadoEngine
import KadoPostgres

struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Issue promos, eligibilities and outbox rows for rules due on a date.",
        discussion: """
            By default every enabled rule of every tenant is evaluated for today's date in that
            tenant's own time zone. Each occurrence (tenant, rule, date) is issued once: a second
            run, or one running at the same time, reports it was already done. --dry-run counts
            what would be written and writes nothing.
            """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only this tenant.") var tenant: String?
    @Option(help: "Only this rule (needs --tenant when ids repeat across tenants).") var rule: String?
    @Option(
        help: ArgumentHelp(
            "Occurrence date YYYY-MM-DD (default: today in each tenant's zone).", valueName: "date"))
    var date: String?
    @Flag(help: "Count what would be written; write nothing.") var dryRun = false
    @Flag(
        help:
            "Issue an occurrence even when its promo's validity has already ended (its messages are then marked expired unless dispatched with --send-expired)."
    )
    var force = false
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text
    @Option(help: ArgumentHelp("Use this instant as now (ISO 8601), for today's date.", visibility: .hidden))
    var now: String?

    func validate() throws {
        if let date, LocalDate(date) == nil {
            throw ValidationError("--date must be a real date as YYYY-MM-DD, got '\(date)'")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let configuration = try config.load()
            let targets = try selectRules(configuration)
            let instant = try now.map(parseInstant) ?? Date()
            let plans = targets.map { t, r in
                (tenant: t, rule: r, day: date.flatMap { LocalDate($0) } ?? t.clock.localDate(at: instant))
            }
            if !dryRun && !force {
                let ended = plans.filter {
                    PromoTerms(rule: $0.rule, tenant: $0.tenant, date: $0.day).validUntil <= instant
                }
                if !ended.isEmpty {
                    for plan in ended {
                        let terms = PromoTerms(rule: plan.rule, tenant: plan.tenant, date: plan.day)
                        FileHandle.standardError.write(
                            Data(
                                "warning: \(plan.tenant.id)/\(plan.rule.id) \(plan.day): its promo would be valid until \(plan.tenant.clock.format(terms.validUntil)), which has passed; nobody could use it and its messages would be marked expired\n"
                                    .utf8))
                    }
                    throw CLIError(
                        "nothing issued: pass --force to issue promos whose validity has already ended")
                }
            }
            let connection = try await database.connect()
            var results: [EvaluationResult] = []
            var failures: [EvaluationFailure] = []
            for plan in plans {
                let evaluator = Evaluator(tenant: plan.tenant, rule: plan.rule)
                do {
                    let result = try await evaluator.evaluate(
                        on: plan.day, dryRun: dryRun, connection: connection)
                    results.append(result)
                    if format == .text { print(EvaluationReport.line(result)) }
                } catch let failure as EvaluationFailure {
                    failures.append(failure)
                    if !dryRun {
                        _ = try await connection.perform { c in
                            try evaluator.recordFailure(failure, at: instant, connection: c)
                        }
                    }
                    FileHandle.standardError.write(Data("kado: evaluation failed: \(failure)\n".utf8))
                }
            }
            if format == .json { print(EvaluationReport.json(results, failures: failures).rendered()) }
            if !failures.isEmpty {
                throw CLIError(
                    "\(failures.count) of \(plans.count) evaluations failed (the others were done); `kado status` shows them",
                    exitCode: ExitStatus.partial)
            }
        }
    }

    private func selectRules(_ configuration: Configuration) throws -> [(TenantConfig, RuleConfig)] {
        var tenants = configuration.tenants
        if let tenant {
            tenants = tenants.filter { $0.config.id == tenant }
            if tenants.isEmpty {
                throw CLIError(
                    "unknown tenant '\(tenant)' (have: \(configuration.tenants.map(\.config.id).joined(separator: ", ")))"
                )
            }
        }
        var pairs: [(TenantConfig, RuleConfig)] = []
        for t in tenants {
            for r in t.rules where (rule == nil && r.enabled) || r.id == rule {
                pairs.append((t.config, r))
            }
        }
        if let rule, pairs.isEmpty { throw CLIError("unknown rule '\(rule)'") }
        return pairs
    }
}
