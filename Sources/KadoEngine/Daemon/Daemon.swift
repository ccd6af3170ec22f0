import Foundation
import KadoPostgres
import Logging
import ServiceLifecycle
import UnixSignals

/// `kado run`: the scheduler, the dispatcher and the reloader as one service group
/// (swift-service-lifecycle). SIGTERM and SIGINT shut it down gracefully (no new
/// claims, unsent claims handed back, in-flight sends finish within the grace
/// period); SIGHUP reloads the configuration. Each service survives database outages
/// by itself.
package struct Daemon: Sendable {
    package struct Options: Sendable {
        package var dispatch: Dispatcher.Options
        /// Longest sleep between outbox polls when nothing says when the next row is due.
        package var pollInterval: Duration
        /// Finished outbox rows older than this many days are pruned once a day (nil: kept).
        package var retentionDays: Int?
        /// `LISTEN kado_outbox` (``OutboxListener``): new rows wake the dispatcher, which then
        /// polls only every ``listeningPollInterval``. False (`--poll-only`, `KADO_LISTEN=0`):
        /// poll every `pollInterval`, for a pooler in transaction mode.
        package var listen: Bool
        /// The longest sleep between outbox polls while notifications arrive.
        package var listeningPollInterval: Duration

        package init(
            dispatch: Dispatcher.Options = .init(), pollInterval: Duration = .seconds(5),
            retentionDays: Int? = nil, listen: Bool = true, listeningPollInterval: Duration = .seconds(60)
        ) {
            self.dispatch = dispatch
            self.pollInterval = pollInterval
            self.retentionDays = retentionDays
            self.listen = listen
            self.listeningPollInterval = listeningPollInterval
        }
    }

    package let holder: ConfigHolder
    package let database: PostgresConfiguration
    package let transport: DeliveryTransport
    package let options: Options
    package let clock: any KadoClock
    package let logger: Logger
    package let health: DatabaseHealth

    package init(
        holder: ConfigHolder, database: PostgresConfiguration, transport: DeliveryTransport, options: Options,
        clock: any KadoClock = SystemClock(), logger: Logger = Logger(label: "kado.run")
    ) {
        self.holder = holder
        self.database = database
        self.transport = transport
        self.options = options
        self.clock = clock
        self.logger = logger
        self.health = DatabaseHealth(logger: Logger(label: "kado.database"))
    }

    /// The services `run()` starts, each with its own connection (for tests that
    /// drive a group themselves).
    package func services(issued: Signal = Signal()) -> (
        scheduler: SchedulerService, dispatcher: DispatcherService, reload: ReloadService
    ) {
        var dispatch = options.dispatch
        dispatch.waitThroughOutages = true
        let scheduling = Database(configuration: database, health: health)
        return (
            SchedulerService(
                holder: holder, database: scheduling, clock: clock, issued: issued,
                logger: Logger(label: "kado.scheduler")),
            DispatcherService(
                holder: holder, transport: transport,
                claims: Database(configuration: database, health: health),
                records: Database(configuration: database, health: health), options: dispatch, clock: clock,
                issued: issued, pollInterval: options.pollInterval, logger: Logger(label: "kado.dispatcher")),
            ReloadService(holder: holder, database: scheduling, logger: logger)
        )
    }

    /// Runs until SIGTERM or SIGINT (graceful) and returns; `extra` services (the HTTP
    /// server) join the group.
    package func run(extra: [any Service] = []) async throws {
        let issued = Signal()
        let made = services(issued: issued)
        let (scheduler, reload) = (made.scheduler, made.reload)
        var dispatcher = made.dispatcher
        var listener: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if options.listen {
            let status = OutboxListener.Status()
            dispatcher.listening = (status, max(options.pollInterval, options.listeningPollInterval))
            listener = [
                OutboxListener(
                    configuration: database, issued: issued, status: status, health: health, clock: clock
                ).serviceConfiguration
            ]
        }
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: scheduler, serviceName: "scheduler"),
                .init(service: dispatcher, serviceName: "dispatcher"),
                .init(service: reload, serviceName: "reload"),
            ] + listener
                + (options.retentionDays.map {
                    [
                        .init(
                            service: RetentionService(
                                days: $0, database: Database(configuration: database, health: health),
                                clock: clock),
                            serviceName: "retention")
                    ]
                } ?? [])
                + extra.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // The dispatcher enforces the grace period itself; this is the backstop.
        configuration.maximumGracefulShutdownDuration = options.dispatch.grace + .seconds(10)
        try await ServiceGroup(configuration: configuration).run()
    }

    /// What `--once` did.
    package struct OnceReport: Sendable {
        package var scheduler: Scheduler.Report
        package var dispatch: DispatchSummary
    }

    /// Everything due now, then returns: one scheduler pass (every tenant it can; the
    /// failures are in the report) and one dispatch of what is due. SIGTERM/SIGINT stop
    /// it gracefully. Throws ``DatabaseUnavailable`` when the database cannot be reached.
    package func runOnce() async throws -> OnceReport {
        let stop = StopSignal()
        let listener = Task {
            for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                logger.info("stopping: no new work is claimed; in-flight sends finish")
                stop.stop()
            }
        }
        defer { listener.cancel() }
        let snapshot = holder.current
        let connection = Database(configuration: database, health: health)
        let report = try await Scheduler(
            configuration: snapshot.configuration, logger: Logger(label: "kado.scheduler")
        )
        .runDue(at: clock.now(), database: connection)
        let dispatcher = Dispatcher(
            configuration: snapshot.configuration, renderer: snapshot.renderer, transport: transport,
            claims: connection, records: Database(configuration: database, health: health),
            options: options.dispatch, clock: clock, logger: Logger(label: "kado.dispatcher"))
        let summary = try await dispatcher.drain(dueBy: Date(), stop: stop)
        return OnceReport(scheduler: report, dispatch: summary)
    }
}
