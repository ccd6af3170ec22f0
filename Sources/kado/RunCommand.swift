import ArgumentParser
import Foundation
import KadoCurl
import KadoEngine
import KadoPostgres
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The scheduler: fire each rule at its local trigger time, and dispatch continuously.",
        discussion: """
            Each (tenant, rule) fires at its trigger time in the tenant's zone; a missed occurrence
            is caught up while its local date is still today (or within the rule's catch_up_days),
            older ones are recorded as skipped. Between triggers the outbox is dispatched whenever
            messages are due (polled every --poll-interval seconds, and at retry times).

            --once does everything due now and exits (cron, Kubernetes CronJob). Several `kado run`
            processes on one database are safe: one promo per occurrence, one send per message.
            SIGHUP reloads the configuration (an invalid one is reported and the running one kept);
            SIGTERM/SIGINT stop claiming work, let in-flight sends finish within --grace-seconds,
            and exit 0.
            """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Do everything due now, then exit.") var once = false
    @Option(
        help: ArgumentHelp(
            "Act as if the clock read this instant (ISO 8601; it then advances normally).",
            valueName: "instant"))
    var now: String?
    @Option(help: "Seconds between outbox polls while idle.") var pollInterval: Double = 5
    @Option(help: "Seconds in-flight sends get after SIGTERM.") var graceSeconds: Double = 25
    @Option(help: "Messages sent at the same time.") var concurrency: Int = 16
    @Option(help: "Outbox rows claimed per transaction (at most this many are resent after a crash).")
    var batchSize: Int = 500
    @Option(help: "Log format: text or json (env KADO_LOG_FORMAT).")
    var logFormat: String = ProcessInfo.processInfo.environment["KADO_LOG_FORMAT"] ?? "text"

    func validate() throws {
        guard KadoLogHandler.Format(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format must be text or json")
        }
        guard pollInterval > 0, graceSeconds >= 0, concurrency > 0, batchSize > 0 else {
            throw ValidationError("intervals and concurrency must be positive")
        }
    }

    func run() async throws {
        let format = KadoLogHandler.Format(rawValue: logFormat) ?? .text
        LogSetup.bootstrap(format: format)
        let logger = Logger(label: "kado.run")
        let start = (instant: try now.map(parseInstant), clock: ContinuousClock.now)
        let clock: @Sendable () -> Date = {
            guard let fixed = start.instant else { return Date() }
            return fixed.addingTimeInterval(seconds(ContinuousClock.now - start.clock))
        }
        let grace = graceSeconds
        let control = RunControl {
            logger.info(
                "stopping: no new work is claimed; in-flight sends finish",
                metadata: ["grace_seconds": "\(grace)"])
            DispatchQueue.global().asyncAfter(deadline: .now() + grace) {
                logger.warning("grace period over; the batch in flight will be sent again by the next run")
                Foundation.exit(0)
            }
        }
        try await reportingErrors {
            var configuration = try config.load()
            let connection = try await database.connect()
            let curl = try CurlClient(
                configuration: .init(
                    maxConcurrentTransfers: concurrency, connectionCacheSize: max(32, concurrency)))
            var engine = try Engine(
                configuration: configuration, curl: curl, concurrency: concurrency, batchSize: batchSize)
            logger.info(
                "started",
                metadata: [
                    "tenants": "\(configuration.tenants.count)", "rules": "\(configuration.ruleCount)",
                    "once": "\(once)",
                ])
            while !control.stopping {
                if control.takeReload() {
                    let result = config.loader.load()
                    if let fresh = result.configuration {
                        configuration = fresh
                        engine = try Engine(
                            configuration: fresh, curl: curl, concurrency: concurrency, batchSize: batchSize)
                        logger.info(
                            "configuration reloaded",
                            metadata: ["tenants": "\(fresh.tenants.count)", "rules": "\(fresh.ruleCount)"])
                    } else {
                        for d in result.errors { logger.error("reload rejected: \(d)") }
                        logger.error(
                            "configuration reload failed; keeping the running configuration",
                            metadata: ["errors": "\(result.errors.count)"])
                    }
                }
                _ = try await engine.scheduler.runDue(at: clock(), connection: connection)
                let summary = try await engine.dispatcher.run(
                    connection: connection, shouldContinue: { !control.stopping })
                if summary.processed > 0 {
                    logger.info(
                        "dispatched",
                        metadata: [
                            "sent": "\(summary.sent)", "failed": "\(summary.retrying)",
                            "dead": "\(summary.dead)",
                        ])
                }
                if once { break }
                let nextRetry = try await connection.perform { c in
                    try c.query(
                        "SELECT extract(epoch FROM min(next_attempt_at))::float8 FROM notifications WHERE status IN ('pending', 'failed')"
                    ).first?.decode(Double?.self, at: 0)
                }
                let current = clock()
                var wake = current.addingTimeInterval(pollInterval)
                if let trigger = engine.scheduler.nextTrigger(after: current) { wake = min(wake, trigger) }
                if let nextRetry { wake = min(wake, max(current, Date(timeIntervalSince1970: nextRetry))) }
                // Sleep on the real clock for the same span the (possibly shifted) clock needs.
                await control.sleep(until: Date().addingTimeInterval(wake.timeIntervalSince(current)))
            }
            await curl.shutdown()
            logger.info("stopped")
        }
    }
}

/// What one configuration drives: its scheduler and its dispatcher.
struct Engine {
    var scheduler: Scheduler
    var dispatcher: Dispatcher

    init(configuration: Configuration, curl: CurlClient, concurrency: Int, batchSize: Int) throws {
        scheduler = Scheduler(configuration: configuration)
        dispatcher = Dispatcher(
            configuration: configuration, renderer: try MessageRenderer(configuration: configuration),
            transport: DeliveryTransport(curl: curl),
            options: .init(concurrency: concurrency, batchSize: batchSize))
    }
}
