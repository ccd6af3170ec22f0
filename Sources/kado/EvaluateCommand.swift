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
            let connection = try await database.connect()
            var results: [EvaluationResult] = []
            for (tenantConfig, ruleConfig) in targets {
                let day = date.flatMap { LocalDate($0) } ?? tenantConfig.clock.localDate(at: instant)
                let evaluator = Evaluator(tenant: tenantConfig, rule: ruleConfig)
                let result = try await evaluator.evaluate(on: day, dryRun: dryRun, connection: connection)
                results.append(result)
                if format == .text { print(EvaluationReport.line(result)) }
            }
            if format == .json { print(EvaluationReport.json(results).rendered()) }
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

/// How evaluation results are printed.
enum EvaluationReport {
    static func line(_ r: EvaluationResult) -> String {
        let head = "\(r.tenantID)/\(r.ruleID) \(r.date):"
        let time = "\(milliseconds(r.elapsed)) ms"
        let notes = r.notifications.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
            separator: ", ")
        switch r.outcome {
        case .notDue:
            return "\(head) not due on this date"
        case .alreadyDone:
            let promo =
                r.promoID.map { "promo #\($0)\(r.code.map { " code \($0)" } ?? "")" }
                ?? "no promo (empty audience)"
            return "\(head) already done (\(promo), audience \(r.audience)); nothing written"
        case .empty:
            return "\(head) audience 0; no promo written, run recorded (\(time))"
        case .dryRun:
            return
                "\(head) dry run: audience \(r.audience), would write 1 promo\(r.userCodes > 0 ? " with \(r.userCodes) user codes" : ""), \(r.eligibilities) eligibilities, notifications \(notes.isEmpty ? "0" : notes) (\(time)); nothing written"
        case .issued:
            let code = r.code.map { "code \($0)" } ?? "\(r.userCodes) user codes"
            return
                "\(head) audience \(r.audience), promo #\(r.promoID ?? 0) \(code), \(r.eligibilities) eligibilities, notifications \(notes.isEmpty ? "0" : notes) (\(time))"
        }
    }

    static func json(_ results: [EvaluationResult]) -> JSONValue {
        .array(
            results.map { r in
                .object([
                    ("tenant", .string(r.tenantID)), ("rule", .string(r.ruleID)),
                    ("date", .string(r.date.description)),
                    ("outcome", .string(r.outcome.rawValue)), ("audience", .int(r.audience)),
                    ("promo_id", r.promoID.map(JSONValue.int) ?? .null),
                    ("code", r.code.map(JSONValue.string) ?? .null),
                    ("user_codes", .int(r.userCodes)), ("eligibilities", .int(r.eligibilities)),
                    (
                        "notifications",
                        .object(r.notifications.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
                    ),
                    ("milliseconds", .double(milliseconds(r.elapsed))),
                ])
            })
    }

    static func milliseconds(_ d: Duration) -> Double {
        let (seconds, attoseconds) = d.components
        return (Double(seconds) * 1000 + Double(attoseconds) / 1e15).rounded(toPlaces: 1)
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        return (self * factor).rounded() / factor
    }
}
