import Foundation
import Logging
import ServiceLifecycle

/// The scheduler as a long-running service: evaluates what is due, then sleeps until
/// the next trigger instant, failed-run retry or reload. A lost database is waited
/// out with backoff, a pass that fails otherwise is logged and tried again
/// (``PassFailures``); a graceful shutdown lets the evaluation in progress commit.
package struct SchedulerService: Service {
    let holder: ConfigHolder
    let database: Database
    let clock: any KadoClock
    /// Fired when an evaluation wrote outbox rows (wakes the dispatcher).
    let issued: Signal
    /// Plans again at least this often (other processes may have changed the run records).
    let replanInterval: Duration
    var logger: Logger

    package init(
        holder: ConfigHolder, database: Database, clock: any KadoClock, issued: Signal,
        replanInterval: Duration = .seconds(300), logger: Logger = Logger(label: "kado.scheduler")
    ) {
        self.holder = holder
        self.database = database
        self.clock = clock
        self.issued = issued
        self.replanInterval = replanInterval
        self.logger = logger
    }

    package func run() async throws {
        let stop = StopSignal()
        try await withGracefulShutdownHandler {
            try await loop(stop: stop)
        } onGracefulShutdown: {
            stop.stop()
        }
    }

    func loop(stop: StopSignal) async throws {
        var failures = PassFailures()
        while !stop.isStopped {
            let reloads = holder.reloaded.generation
            let snapshot = holder.current
            let now = clock.now()
            var wake = now.addingTimeInterval(replanInterval.inSeconds)
            do {
                let report = try await Scheduler(configuration: snapshot.configuration, logger: logger)
                    .runDue(at: now, database: database)
                if report.results.contains(where: { $0.notificationTotal > 0 }) { issued.fire() }
                if let next = report.nextWake { wake = min(wake, max(next, now)) }
                failures.reset()
            } catch is DatabaseUnavailable {
                wake = now.addingTimeInterval(database.health.backoff.inSeconds)
            } catch {
                if Task.isCancelled { return }
                let pause = failures.failed(error, pass: "scheduler pass", logger: logger)
                wake = clock.now().addingTimeInterval(pause.inSeconds)
            }
            do {
                try await holder.reloaded.sleep(until: wake, after: reloads, clock: clock, stop: stop)
            } catch {
                return
            }
        }
    }
}
