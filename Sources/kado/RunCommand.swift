import ArgumentParser
import Foundation
import KadoCurl
import KadoEngine
import KadoServer
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "The scheduler daemon: fire each rule at its local trigger time, and dispatch continuously.",
        discussion: """
            Each (tenant, rule) fires at its trigger time in the tenant's zone. A missed occurrence is caught up while its local date is still today (or within the rule's catch_up_days, but never before this database first saw the rule or before trigger.starts_on); older ones are recorded as skipped. A rule that fails (a missing table or column) is logged with its cause, recorded as a failed run, and retried with backoff; it never stops the other rules or tenants. Between triggers the outbox is dispatched whenever messages are due.

            Delivery: due messages are claimed with a lease (--lease-seconds) and each outcome is recorded as soon as it is known. SIGTERM or SIGINT stop claiming, hand back claimed messages not yet started, let in-flight sends finish within --grace-seconds, and exit 0. After kill -9 at most --concurrency messages (those in flight) can be sent twice, once their lease runs out; nothing is lost.

            The daemon survives PostgreSQL going away: it logs the loss once, reconnects with backoff, logs the recovery and goes on. SIGHUP reloads the configuration (an invalid one is reported with file:line:col and the running one kept) and resumes channels paused for rejected credentials.

            --once does everything due now and exits (cron, Kubernetes CronJob): exit status 4 when some rules failed (each named on stderr) while the rest was done. Several `kado run` processes on one database are safe: one promo per occurrence, one send per message, rate limits shared.
            """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Do everything due now, then exit.") var once = false
    @Option(
        help: ArgumentHelp(
            "Act as if the clock read this instant (ISO 8601; it then advances normally).",
            valueName: "instant"))
    var now: String?
    @Option(help: "Longest wait between outbox polls, in seconds (without LISTEN: see --poll-only).")
    var pollInterval: Double = 5
    @Flag(
        help: """
            Poll the outbox every --poll-interval instead of being woken by NOTIFY kado_outbox (env KADO_LISTEN=0),             for a connection through a pooler in transaction mode (PgBouncer), which does not deliver notifications.
            """)
    var pollOnly = false
    @Option(help: "Seconds in-flight sends get to finish after SIGTERM.") var graceSeconds: Double = 25
    @Option(help: "Messages sent at the same time (at most this many can be sent twice after a crash).")
    var concurrency: Int = 16
    @Option(help: "Outbox rows claimed per statement.") var batchSize: Int = 500
    @Option(
        help:
            "Seconds a claim lasts without renewal (a crashed dispatcher's messages are free again after it)."
    )
    var leaseSeconds: Double = 60
    @Flag(help: "Send messages whose promo has ended instead of marking them expired.") var sendExpired =
        false
    @Option(
        help: ArgumentHelp(
            "Prune finished outbox rows (sent, dead, expired, cancelled) older than this many days, once a day (env KADO_RETENTION_DAYS; 0, the default: keep them).",
            valueName: "days"))
    var retentionDays: Int =
        ProcessInfo.processInfo.environment["KADO_RETENTION_DAYS"].flatMap { Int($0) } ?? 0
    @Option(
        help: ArgumentHelp(
            "Also serve the HTTP API (`kado serve`) on HOST:PORT, in the same service group.",
            valueName: "host:port"))
    var listen: String?
    @Option(help: "Log format: text or json (env KADO_LOG_FORMAT).")
    var logFormat: String = ProcessInfo.processInfo.environment["KADO_LOG_FORMAT"] ?? "text"

    func validate() throws {
        guard KadoLogHandler.Format(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format must be text or json")
        }
        guard pollInterval > 0, graceSeconds >= 0, concurrency > 0, concurrency <= 1024, batchSize > 0 else {
            throw ValidationError(
                "--poll-interval, --batch-size and --concurrency (1...1024) must be positive")
        }
        guard leaseSeconds >= 5, leaseSeconds <= 3600 else {
            throw ValidationError("--lease-seconds must be in 5...3600")
        }
        guard retentionDays >= 0 else { throw ValidationError("--retention-days must be 0 (keep) or more") }
        if let listen {
            do {
                _ = try ListenAddress(parsing: listen)
            } catch {
                throw ValidationError("--listen: \(error)")
            }
            if once { throw ValidationError("--listen cannot be used with --once") }
        }
    }

    func run() async throws {
        // A SIGHUP that comes before the reloader listens must not end the process.
        signal(SIGHUP, SIG_IGN)
        LogSetup.bootstrap(format: KadoLogHandler.Format(rawValue: logFormat) ?? .text)
        let logger = Logger(label: "kado.run")
        try await reportingErrors {
            let configuration = try config.load()
            let loader = try config.checkedLoader()
            let holder = try ConfigHolder(configuration: configuration, load: { loader.load() })
            let transport = try DeliveryTransport.make(concurrency: concurrency)
            let daemon = Daemon(
                holder: holder, database: database.configuration, transport: transport,
                options: .init(
                    dispatch: .init(
                        concurrency: concurrency, batchSize: batchSize, lease: .seconds(leaseSeconds),
                        grace: .seconds(graceSeconds), sendExpired: sendExpired),
                    pollInterval: .seconds(pollInterval),
                    retentionDays: retentionDays > 0 ? retentionDays : nil,
                    listen: !pollOnly && ProcessInfo.processInfo.environment["KADO_LISTEN"] != "0"),
                clock: SystemClock(startingAt: try now.map(parseInstant)), logger: logger)
            logger.info(
                "started",
                metadata: [
                    "tenants": .stringConvertible(configuration.tenants.count),
                    "rules": .stringConvertible(configuration.ruleCount), "once": .stringConvertible(once),
                ])
            if once {
                let report = try await daemon.runOnce()
                await transport.shutdown(gracePeriod: .seconds(graceSeconds))
                try finish(report)
            } else if let listen {
                _ = MetricsExport.registry
                let pool = DatabasePool(
                    configuration: database.configuration, health: daemon.health, size: 4)
                let server = APIServer(
                    holder: holder, database: pool, listen: try ListenAddress(parsing: listen),
                    clock: daemon.clock)
                try await daemon.run(extra: [server])
                await pool.close()
                await transport.shutdown(gracePeriod: .seconds(graceSeconds))
            } else {
                try await daemon.run()
                await transport.shutdown(gracePeriod: .seconds(graceSeconds))
            }
            logger.info("stopped")
        }
    }

    /// Logs the dispatch and ends with status 4 naming every failed rule.
    private func finish(_ report: Daemon.OnceReport) throws {
        let summary = report.dispatch
        if summary.processed > 0 {
            Logger(label: "kado.dispatcher").info(
                "dispatched",
                metadata: [
                    "sent": .stringConvertible(summary.sent),
                    "retrying": .stringConvertible(summary.retrying),
                    "dead": .stringConvertible(summary.dead), "expired": .stringConvertible(summary.expired),
                    "deferred": .stringConvertible(summary.deferred),
                ])
        }
        let failures = report.scheduler.failures
        guard !failures.isEmpty else { return }
        let names = failures.map { "\($0.tenantID)/\($0.ruleID) \($0.date)" }.joined(separator: ", ")
        throw CLIError(
            "\(failures.count) rule\(failures.count == 1 ? "" : "s") failed (the others were done): \(names); `kado status` shows why",
            exitCode: ExitStatus.partial)
    }
}
