import Hummingbird
import KadoEngine
import Logging
import NIOCore
import ServiceLifecycle

/// `kado serve`, and the HTTP part of `kado run --listen`: the API that closes the
/// loop. Redemptions for the tenant's backend (API key), one-click unsubscribe for
/// recipients (signed links), probes and metrics for operators, and the OpenAPI
/// document, on Hummingbird. A service: it joins the daemon's service group and stops
/// gracefully with it; it reads the configuration from the same ``ConfigHolder``, so a
/// SIGHUP reload changes keys and secrets too.
///
/// Handlers never block an event loop: every statement runs through the engine's
/// ``DatabasePool``, whose connections run libpq on their own serial queues.
package struct APIServer: Service {
    package let holder: ConfigHolder
    package let database: DatabasePool
    package let listen: ListenAddress
    package let clock: any KadoClock
    package let logger: Logger
    private let onListening: @Sendable (Int) async -> Void

    /// - Parameter onListening: called with the port once the server accepts connections
    ///   (with port 0, the one the system picked).
    package init(
        holder: ConfigHolder, database: DatabasePool, listen: ListenAddress = .default,
        clock: any KadoClock = SystemClock(), logger: Logger = Logger(label: "kado.http"),
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.holder = holder
        self.database = database
        self.listen = listen
        self.clock = clock
        self.logger = logger
        self.onListening = onListening
    }

    package func run() async throws {
        KadoMetrics.register(holder.current.configuration)
        let (onListening, logger, listen) = (self.onListening, self.logger, self.listen)
        let application = Application(
            router: router(),
            configuration: .init(address: .hostname(listen.host, port: listen.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                logger.info(
                    "listening", metadata: ["address": "\(ListenAddress(host: listen.host, port: port))"])
                await onListening(port)
            },
            logger: logger)
        try await application.run()
    }

    /// Every route, behind the problem+json middleware.
    package func router() -> Router<BasicRequestContext> {
        let router = Router()
        let table = RouteTable()
        router.add(middleware: ProblemMiddleware(routes: table, logger: logger))
        let access = TenantAccess(holder: holder)
        HealthRoutes(holder: holder, database: database).register(on: router, table: table)
        MetricsRoutes(holder: holder, database: database).register(on: router, table: table)
        OpenAPIRoutes().register(on: router, table: table)
        RedemptionRoutes(access: access, redemptions: Redemptions(database: database, clock: clock))
            .register(on: router, table: table)
        UnsubscribeRoutes(unsubscriber: Unsubscriber(holder: holder, database: database, clock: clock))
            .register(on: router, table: table)
        return router
    }
}
