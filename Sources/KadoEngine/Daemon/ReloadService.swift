import Logging
import ServiceLifecycle
import UnixSignals

/// SIGHUP: reads the configuration again. A valid one replaces the running one (and
/// resumes channels paused for rejected credentials: the secret may be fixed); an
/// invalid one is reported with file:line:col and the running one is kept.
package struct ReloadService: Service {
    let holder: ConfigHolder
    let database: Database
    let logger: Logger

    package init(holder: ConfigHolder, database: Database, logger: Logger = Logger(label: "kado.run")) {
        self.holder = holder
        self.database = database
        self.logger = logger
    }

    package func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        logger.info("ready: SIGHUP reloads the configuration")
        for await _ in signals.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// One reload, as on SIGHUP.
    package func reload() async {
        switch holder.reload() {
        case .reloaded(let snapshot):
            logger.info(
                "configuration reloaded",
                metadata: [
                    "tenants": .stringConvertible(snapshot.configuration.tenants.count),
                    "rules": .stringConvertible(snapshot.configuration.ruleCount),
                ])
            let tenants = snapshot.configuration.tenants.map(\.config.id)
            let store = ChannelStateStore()
            do {
                let resumed = try await database.perform { c in
                    let resumed = try store.resumeCredentialPauses(tenants: tenants, connection: c)
                    // Wakes listening dispatchers (this daemon's and others'): their messages are due now.
                    if resumed > 0 { try OutboxStore().announce(connection: c) }
                    return resumed
                }
                if resumed > 0 {
                    logger.notice(
                        "channels paused for rejected credentials resume",
                        metadata: ["channels": .stringConvertible(resumed)])
                }
            } catch {
                logger.warning(
                    "could not resume paused channels; they resume when their pause ends",
                    metadata: ["reason": "\(error)"])
            }
        case .rejected(let errors):
            for diagnostic in errors { logger.error("reload rejected: \(diagnostic)") }
            logger.error(
                "configuration reload failed; keeping the running configuration",
                metadata: ["errors": .stringConvertible(errors.count)])
        }
    }
}
