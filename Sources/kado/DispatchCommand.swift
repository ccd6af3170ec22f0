import ArgumentParser
import Foundation
import KadoCurl
import KadoEngine
import KadoPostgres

struct DispatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Send every outbox message that is due now, then exit.",
        discussion: """
            Claims due rows in batches (FOR UPDATE SKIP LOCKED: several dispatchers never send a
            row twice), sends with bounded concurrency and each channel's rate limit, and records
            sent (with the provider's message id), failed (with the next attempt, exponential
            backoff with jitter, or the provider's Retry-After) or dead (with the reason). A crash
            can at worst resend the batch that was in flight.
            """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this tenant's messages.") var tenant: String?
    @Option(help: "Messages sent at the same time.") var concurrency: Int = 16
    @Option(help: "Rows claimed per transaction (a crash resends at most one batch).") var batchSize: Int =
        500
    @Option(help: ArgumentHelp("Seconds before the first retry (doubles each attempt).", visibility: .hidden))
    var retryBaseSeconds: Double = 30
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func validate() throws {
        guard concurrency > 0, concurrency <= 1024 else {
            throw ValidationError("--concurrency must be in 1...1024")
        }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    }

    func run() async throws {
        LogSetup.bootstrap()
        try await reportingErrors {
            let configuration = try config.load()
            if let tenant, configuration.tenant(tenant) == nil {
                throw CLIError("unknown tenant '\(tenant)'")
            }
            let renderer = try MessageRenderer(configuration: configuration)
            let curl = try CurlClient(
                configuration: .init(
                    maxConcurrentTransfers: concurrency, connectionCacheSize: max(32, concurrency)))
            let dispatcher = Dispatcher(
                configuration: configuration, renderer: renderer, transport: DeliveryTransport(curl: curl),
                options: .init(
                    tenant: tenant, concurrency: concurrency, batchSize: batchSize,
                    retry: RetryPolicy(base: .milliseconds(Int64(retryBaseSeconds * 1000)))))
            let connection = try await database.connect()
            let display = ProgressLine(enabled: format == .text && isatty(STDOUT_FILENO) == 1)
            let summary = try await dispatcher.run(connection: connection, progress: { display.update($0) })
            display.finish()
            await curl.shutdown()
            switch format {
            case .text:
                print(
                    "dispatched \(summary.processed) of \(summary.due) due: sent \(summary.sent), failed (will retry) \(summary.retrying), dead \(summary.dead) in \(String(format: "%.2f", seconds(summary.elapsed))) s (\(Int(summary.rate.rounded())) msg/s)"
                )
            case .json:
                print(
                    JSONValue.object([
                        ("due", .int(summary.due)), ("sent", .int(summary.sent)),
                        ("failed", .int(summary.retrying)),
                        ("dead", .int(summary.dead)), ("seconds", .double(seconds(summary.elapsed))),
                        ("per_second", .double(summary.rate)),
                    ]).rendered())
            }
        }
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// A progress line redrawn in place on a terminal, at most ten times a second.
final class ProgressLine: @unchecked Sendable {
    // Guarded by `lock`; updated from the dispatcher's task.
    private let lock = NSLock()
    private var last = ContinuousClock.now - .seconds(1)
    private let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ s: DispatchSummary) {
        guard enabled else { return }
        lock.withLock {
            guard ContinuousClock.now - last >= .milliseconds(100) || s.left == 0 else { return }
            last = .now
            let line =
                "\r  sent \(s.sent)  failed \(s.retrying)  dead \(s.dead)  \(Int(s.rate.rounded()))/s  left \(s.left)   "
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }

    func finish() {
        if enabled { FileHandle.standardOutput.write(Data("\n".utf8)) }
    }
}
