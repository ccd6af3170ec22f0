import Foundation
import Logging
import ServiceLifecycle

/// The dispatcher as a long-running service: sends whatever is due, then sleeps until
/// the next row is due (or a pause ends), new rows were issued, the configuration was
/// reloaded, or `pollInterval` passed. A lost database is waited out with backoff; a pass
/// that fails otherwise is logged and tried again (``PassFailures``). A
/// graceful shutdown stops claiming, hands back unsent claims and lets in-flight sends
/// finish within the grace period.
package struct DispatcherService: Service {
    let holder: ConfigHolder
    let transport: DeliveryTransport
    let claims: Database
    let records: Database
    let options: Dispatcher.Options
    let clock: any KadoClock
    let issued: Signal
    let pollInterval: Duration
    var logger: Logger
    /// While it says notifications arrive (``OutboxListener``), the longest sleep is this
    /// instead of `pollInterval`: new rows wake the dispatcher, the poll is a safety net.
    var listening: (status: OutboxListener.Status, pollInterval: Duration)?

    package init(
        holder: ConfigHolder, transport: DeliveryTransport, claims: Database, records: Database,
        options: Dispatcher.Options, clock: any KadoClock, issued: Signal, pollInterval: Duration,
        logger: Logger = Logger(label: "kado.dispatcher")
    ) {
        self.holder = holder
        self.transport = transport
        self.claims = claims
        self.records = records
        self.options = options
        self.clock = clock
        self.issued = issued
        self.pollInterval = pollInterval
        self.logger = logger
    }

    package func run() async throws {
        let stop = StopSignal()
        try await withGracefulShutdownHandler {
            try await loop(stop: stop)
        } onGracefulShutdown: { [logger, options] in
            logger.info(
                "stopping: no new work is claimed, unsent claims are handed back, in-flight sends finish",
                metadata: ["grace_seconds": .stringConvertible(options.grace.inSeconds)])
            stop.stop()
        }
    }

    func loop(stop: StopSignal) async throws {
        var dispatcher: (generation: Int, value: Dispatcher)?
        var failures = PassFailures()
        while !stop.isStopped {
            let issuedSeen = issued.generation
            let snapshot = holder.current
            if dispatcher?.generation != snapshot.generation {
                dispatcher = (
                    snapshot.generation,
                    Dispatcher(
                        configuration: snapshot.configuration, renderer: snapshot.renderer,
                        transport: transport,
                        claims: claims, records: records, options: options, clock: clock, logger: logger)
                )
            }
            guard let current = dispatcher?.value else { return }
            let interval =
                listening.map { $0.status.isListening ? $0.pollInterval : pollInterval } ?? pollInterval
            var wake = clock.now().addingTimeInterval(interval.inSeconds)
            do {
                let summary = try await current.drain(stop: stop)
                if summary.processed > 0 { log(summary) }
                let tenants = current.tenants
                let store = OutboxStore()
                if let next = try await claims.perform({ c in
                    try store.nextDue(tenants: tenants, connection: c)
                }) {
                    // At least a moment between passes, so rows another dispatcher holds
                    // locked for an instant cannot make this loop spin.
                    wake = min(wake, max(next, clock.now().addingTimeInterval(0.05)))
                }
                failures.reset()
            } catch is DatabaseUnavailable {
                wake = clock.now().addingTimeInterval(claims.health.backoff.inSeconds)
            } catch {
                if Task.isCancelled { return }
                // Claims this pass did not finish are handed back or run out their lease.
                let pause = failures.failed(error, pass: "dispatch pass", logger: logger)
                wake = clock.now().addingTimeInterval(pause.inSeconds)
            }
            if stop.isStopped { break }
            do {
                try await issued.sleep(until: wake, after: issuedSeen, clock: clock, stop: stop)
            } catch {
                return
            }
        }
    }

    private func log(_ summary: DispatchSummary) {
        logger.info(
            "dispatched",
            metadata: [
                "sent": .stringConvertible(summary.sent), "retrying": .stringConvertible(summary.retrying),
                "dead": .stringConvertible(summary.dead), "expired": .stringConvertible(summary.expired),
                "deferred": .stringConvertible(summary.deferred),
                "seconds": .stringConvertible((summary.elapsed.inSeconds * 10).rounded() / 10),
            ])
    }
}
