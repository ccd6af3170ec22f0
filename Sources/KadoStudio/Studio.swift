import Foundation
import Hummingbird
import KadoEngine
import KadoPostgres
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `kado studio`: a local, read-only web page of every tenant, rule and message,
/// following `rules/` and `templates/` as they are saved. It renders through the
/// engine's preview (the dispatcher's own path), reads the database only in read-only
/// transactions, and never sends anything.
package struct Studio: Sendable {
    package var listen: ListenAddress
    package var loader: ConfigLoader
    /// The database for audiences and real users; nil: samples only.
    package var database: PostgresConfiguration?
    /// How often the folders are looked at.
    package var pollInterval: Duration
    package var logger: Logger
    /// The clock next fire times and default dates are computed from.
    package var now: @Sendable () -> Date

    package init(
        listen: ListenAddress, loader: ConfigLoader, database: PostgresConfiguration?,
        pollInterval: Duration = .milliseconds(500), logger: Logger = Logger(label: "kado.studio"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.listen = listen
        self.loader = loader
        self.database = database
        self.pollInterval = pollInterval
        self.logger = logger
        self.now = now
    }

    /// The studio cannot start.
    package struct StartFailure: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    /// Serves until one of `signals` (or cancellation); `onRunning` gets the page's URL
    /// once the server listens (with the real port when `listen.port` is 0).
    package func run(
        signals: [UnixSignal] = [.sigterm, .sigint],
        onRunning: @escaping @Sendable (String) async -> Void = { _ in }
    ) async throws {
        let started = Mutex(false)
        let (service, database) = await service { url in
            started.withLock { $0 = true }
            await onRunning(url)
        }
        let group = ServiceGroup(
            configuration: .init(services: [service], gracefulShutdownSignals: signals, logger: logger))
        do {
            try await group.run()
        } catch {
            await database?.close()
            if !started.withLock({ $0 }) {
                throw StartFailure(description: "cannot listen on \(listen): \(error)")
            }
            throw error
        }
        await database?.close()
    }

    /// The studio as a service to run in a service group of one's own (the HTTP server and
    /// the folder watcher), after a first load of the files; and its database, to close
    /// after the group ends.
    package func service(onRunning: @escaping @Sendable (String) async -> Void) async -> (
        any Service, Database?
    ) {
        let state = StudioState()
        var watcher = ConfigWatcher(state: state, loader: loader, interval: pollInterval, logger: logger)
        watcher.loaded = await watcher.load()
        let database = self.database.map { Database(configuration: $0, health: DatabaseHealth()) }
        let environment = StudioEnvironment(
            state: state, database: database.map(StudioDatabase.init), rulesDirectory: loader.rulesDirectory,
            now: now)
        let listen = self.listen
        let app = Application(
            router: StudioRouter.make(environment: environment, listen: listen),
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: nil),
            services: [watcher],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                await onRunning("http://\(ListenAddress(host: listen.host, port: port))/")
            },
            logger: logger)
        return (app, database)
    }
}
