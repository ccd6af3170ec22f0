import ArgumentParser
import Foundation
import KadoEngine
import KadoServer
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The HTTP API: redeem codes, one-click unsubscribe, health probes and metrics.",
        discussion: """
            Endpoints (openapi.yaml, also served at /openapi.yaml): POST /v1/tenants/{tenant}/validations checks a code without claiming it; POST /v1/tenants/{tenant}/redemptions claims it (201; of concurrent claims of one code and user exactly one succeeds); DELETE /v1/tenants/{tenant}/redemptions releases a claim (204). They need `Authorization: Bearer KEY` with a key from the tenant's `api.keys`. Errors are application/problem+json with a stable `code`.

            POST /u/{token} is the one-click unsubscribe of the List-Unsubscribe header in every email (RFC 8058; the token is signed with the tenant's unsubscribe.secret); GET /u/{token} shows a page with a button. GET /healthz answers while the process runs, GET /readyz when the database answers and a configuration is loaded (503 with the reason otherwise), GET /metrics in the Prometheus text format.

            `kado run --listen HOST:PORT` runs the same server inside the daemon. SIGHUP reloads the configuration (keys and secrets too); SIGTERM or SIGINT stop it gracefully.
            """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Option(
        help: ArgumentHelp("Address to listen on, HOST:PORT ([::1]:8080 for IPv6).", valueName: "host:port"))
    var listen: String = ListenAddress.default.description
    @Option(help: "PostgreSQL connections the server uses at most.") var databaseConnections: Int = 4
    @Option(help: "Log format: text or json (env KADO_LOG_FORMAT).")
    var logFormat: String = ProcessInfo.processInfo.environment["KADO_LOG_FORMAT"] ?? "text"

    func validate() throws {
        guard KadoLogHandler.Format(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format must be text or json")
        }
        do {
            _ = try ListenAddress(parsing: listen)
        } catch {
            throw ValidationError("--listen: \(error)")
        }
        guard (1...64).contains(databaseConnections) else {
            throw ValidationError("--database-connections must be in 1...64")
        }
    }

    func run() async throws {
        LogSetup.bootstrap(format: KadoLogHandler.Format(rawValue: logFormat) ?? .text)
        _ = MetricsExport.registry
        let logger = Logger(label: "kado.serve")
        try await reportingErrors {
            let configuration = try config.load()
            let loader = try config.checkedLoader()
            let holder = try ConfigHolder(configuration: configuration, load: { loader.load() })
            let health = DatabaseHealth(logger: Logger(label: "kado.database"))
            let pool = DatabasePool(
                configuration: database.configuration, health: health, size: databaseConnections)
            let server = APIServer(holder: holder, database: pool, listen: try ListenAddress(parsing: listen))
            let reload = ReloadService(
                holder: holder, database: Database(configuration: database.configuration, health: health),
                logger: logger)
            let group = ServiceGroup(
                configuration: .init(
                    services: [
                        .init(service: server, serviceName: "http"),
                        .init(service: reload, serviceName: "reload"),
                    ],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            await pool.close()
            logger.info("stopped")
        }
    }
}
