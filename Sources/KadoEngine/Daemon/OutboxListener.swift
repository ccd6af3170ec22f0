import Foundation
import KadoPostgres
import Logging
import ServiceLifecycle
import Synchronization

/// Wakes the dispatcher when another process (`kado evaluate`, another daemon's scheduler,
/// `kado outbox retry`) adds due outbox rows: one connection of its own that `LISTEN`s to
/// ``OutboxStore/notifyChannel`` and fires `issued` for every notification, so an idle
/// daemon sends no statement between them (``DispatcherService`` then polls only every
/// ``Daemon/Options/listeningPollInterval`` as a safety net).
///
/// When `LISTEN` is refused (a pooler that does not allow it) it logs why and stops
/// listening, and only that: the daemon goes on (``serviceConfiguration`` does not end the
/// group), ``isListening`` stays false and the dispatcher polls every `--poll-interval`, as it
/// does with `--poll-only` (`KADO_LISTEN=0`, for a pooler in transaction mode, which accepts
/// `LISTEN` but does not deliver the notifications). A lost connection, and an error that
/// says the server went away or is no longer the primary (``Database/isConnectionLoss(_:)``:
/// a `LISTEN` cut short by a shutdown, 57P01, or sent to a standby during a failover, 25006),
/// is re-opened with backoff; meanwhile the dispatcher polls, and after it the dispatcher is
/// woken once (notifications sent while it was away are lost).
package struct OutboxListener: Service {
    /// Whether notifications are being received (shared with the dispatcher).
    package final class Status: Sendable {
        private let listening = Mutex(false)
        package init() {}
        package var isListening: Bool { listening.withLock { $0 } }
        func set(_ value: Bool) { listening.withLock { $0 = value } }
    }

    let configuration: PostgresConfiguration
    let issued: Signal
    let status: Status
    let health: DatabaseHealth
    let clock: any KadoClock
    let logger: Logger
    /// What subscribes a fresh connection (`LISTEN kado_outbox`; tests put a refusal here).
    let subscribe: @Sendable (isolated PostgresConnection) throws -> Void

    package init(
        configuration: PostgresConfiguration, issued: Signal, status: Status, health: DatabaseHealth,
        clock: any KadoClock, logger: Logger = Logger(label: "kado.listener")
    ) {
        self.init(
            configuration: configuration, issued: issued, status: status, health: health, clock: clock,
            logger: logger, subscribe: { c in try OutboxStore().listen(connection: c) })
    }

    init(
        configuration: PostgresConfiguration, issued: Signal, status: Status, health: DatabaseHealth,
        clock: any KadoClock, logger: Logger,
        subscribe: @escaping @Sendable (isolated PostgresConnection) throws -> Void
    ) {
        self.configuration = configuration
        self.issued = issued
        self.status = status
        self.health = health
        self.clock = clock
        self.logger = logger
        self.subscribe = subscribe
    }

    /// The listener as a member of the daemon's service group: its return (a refused
    /// `LISTEN`) leaves the other services running; a throw still ends the group.
    package var serviceConfiguration: ServiceGroupConfiguration.ServiceConfiguration {
        .init(service: self, successTerminationBehavior: .ignore, serviceName: "listener")
    }

    package func run() async throws {
        let stop = StopSignal()
        await withGracefulShutdownHandler {
            await listen(stop: stop)
        } onGracefulShutdown: {
            stop.stop()
        }
        status.set(false)
    }

    /// Listens until `stop`; returns early when `LISTEN` is refused.
    func listen(stop: StopSignal) async {
        var failures = 0
        while !stop.isStopped && !Task.isCancelled {
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(configuration)
            } catch {
                failures += 1
                guard await pause(failures: failures, stop: stop) else { return }
                continue
            }
            do {
                try await connection.perform(subscribe)
            } catch let error as PostgresError where !Database.isConnectionLoss(error) {
                logger.warning(
                    "LISTEN \(OutboxStore.notifyChannel) refused: the dispatcher polls the outbox instead (every --poll-interval)",
                    metadata: ["reason": "\(error)"])
                await connection.close()
                return
            } catch {
                await connection.close()
                failures += 1
                guard await pause(failures: failures, stop: stop) else { return }
                continue
            }
            status.set(true)
            if failures > 0 { issued.fire() }
            failures = 0
            do {
                while !stop.isStopped && !Task.isCancelled {
                    // A short wait, so that a stop is seen within a second.
                    let names = try await connection.notifications(waitingUpTo: .seconds(1))
                    if !names.isEmpty { issued.fire() }
                }
            } catch {
                logger.info(
                    "outbox listener connection lost; polling until it is back",
                    metadata: ["reason": "\(error)"])
                failures = 1
            }
            status.set(false)
            await connection.close()
            if failures > 0, !(await pause(failures: failures, stop: stop)) { return }
        }
    }

    /// Waits the database backoff (longer with each failure); false when stopped meanwhile.
    private func pause(failures: Int, stop: StopSignal) async -> Bool {
        let wait = min(Duration.seconds(30), health.backoff * max(1, failures))
        let until = clock.now().addingTimeInterval(wait.inSeconds)
        do {
            try await Signal().sleep(until: until, after: 0, clock: clock, stop: stop)
        } catch {
            return false
        }
        return !stop.isStopped
    }
}
