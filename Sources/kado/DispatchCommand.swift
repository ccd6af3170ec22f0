import ArgumentParser
import Foundation
import KadoCurl
import KadoEngine
import UnixSignals

struct DispatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Send every outbox message that is due now, then exit.",
        discussion: """
            Claims due messages with a lease (--lease-seconds; several dispatchers never hold the same message), sends them with bounded concurrency and each channel's shared rate limit, and records each outcome as soon as it is known: sent (with the provider's message id), failed (tried again later: exponential backoff with jitter, or the provider's Retry-After, never sooner than a second), or dead (with the reason; also when attempts run out). Messages whose promo has ended are marked expired, unless --send-expired. A provider that rejects the credentials pauses its channel: the messages wait instead of dying.

            Counts are of messages. SIGTERM or SIGINT stop claiming, hand back claimed messages not yet started, and let in-flight sends finish within --grace-seconds. After a crash at most --concurrency messages can be sent twice, once their lease runs out; nothing is lost.
            """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this tenant's messages.") var tenant: String?
    @Option(help: "Messages sent at the same time (at most this many can be sent twice after a crash).")
    var concurrency: Int = 16
    @Option(help: "Outbox rows claimed per statement.") var batchSize: Int = 500
    @Option(help: "Seconds a claim lasts without renewal.") var leaseSeconds: Double = 60
    @Option(help: "Seconds in-flight sends get to finish after SIGTERM.") var graceSeconds: Double = 25
    @Flag(help: "Send messages whose promo has ended instead of marking them expired.") var sendExpired =
        false
    @Option(help: ArgumentHelp("Seconds before the first retry (doubles each attempt).", visibility: .hidden))
    var retryBaseSeconds: Double = 30
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func validate() throws {
        guard concurrency > 0, concurrency <= 1024 else {
            throw ValidationError("--concurrency must be in 1...1024")
        }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
        guard leaseSeconds >= 5, leaseSeconds <= 3600 else {
            throw ValidationError("--lease-seconds must be in 5...3600")
        }
    }

    func run() async throws {
        let started = ContinuousClock.now
        LogSetup.bootstrap()
        try await reportingErrors {
            let configuration = try config.load()
            if let tenant, configuration.tenant(tenant) == nil {
                throw CLIError("unknown tenant '\(tenant)'")
            }
            let renderer = try MessageRenderer(configuration: configuration)
            let health = DatabaseHealth()
            let claims = try await database.database(health: health)
            let records = Database(configuration: database.configuration, health: health)
            let transport = try DeliveryTransport.make(concurrency: concurrency)
            let dispatcher = Dispatcher(
                configuration: configuration, renderer: renderer, transport: transport,
                claims: claims, records: records,
                options: .init(
                    tenant: tenant, concurrency: concurrency, batchSize: batchSize,
                    lease: .seconds(leaseSeconds),
                    grace: .seconds(graceSeconds),
                    retry: RetryPolicy(base: .milliseconds(Int64(retryBaseSeconds * 1000))),
                    sendExpired: sendExpired))
            let stop = StopSignal()
            let listener = Task {
                for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) { stop.stop() }
            }
            defer { listener.cancel() }
            let display = ProgressLine(enabled: format == .text && isatty(STDOUT_FILENO) == 1)
            var summary = try await dispatcher.drain(
                dueBy: Date(), stop: stop, progress: { display.update($0) })
            display.finish()
            await transport.shutdown(gracePeriod: .seconds(graceSeconds))
            summary.elapsed = ContinuousClock.now - started
            print(DispatchReport(summary: summary, stopped: stop.isStopped).render(format))
        }
    }
}
