/// Runs HTTP(S) requests on libcurl's multi interface (email goes through ``SMTPClient``).
///
/// One client owns one dedicated thread that drives every transfer, so callers can
/// `await` from anywhere without blocking Swift's cooperative pool, and connections
/// are reused across requests. Create one client per process (or per channel), call
/// ``shutdown(gracePeriod:)`` when done.
///
/// ```swift
/// let client = try CurlClient()
/// let response = try await client.perform(HTTPRequest(url: "https://api.example/v1/ping"))
/// await client.shutdown()
/// ```
public final class CurlClient: Sendable {
    private let engine: CurlEngine

    /// Starts the engine thread; throws if libcurl cannot be initialized.
    public init(configuration: Configuration = Configuration()) throws {
        engine = try CurlEngine(configuration: configuration)
    }

    deinit {
        // No transfer can be in flight here (each call keeps the client alive):
        // just let the engine thread exit.
        engine.requestShutdown(gracePeriod: .zero)
    }

    /// Sends `request` and returns the response, whatever its status.
    ///
    /// Throws ``CurlError`` when no response arrives (connection refused, timeout,
    /// invalid request, client shut down), `CancellationError` if the task is
    /// cancelled first.
    public func perform(_ request: HTTPRequest) async throws -> HTTPResponse {
        let configuration = engine.configuration
        let outcome = try await run {
            try CurlTransfer.http(
                request, maxBodyBytes: configuration.maxResponseBodyBytes, userAgent: configuration.userAgent,
                handles: engine.handles)
        }
        return HTTPResponse(outcome: outcome)
    }

    /// Stops accepting work, lets running and queued transfers finish for at most
    /// `gracePeriod` (then aborts them with a ``CurlError``), and stops the thread.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        engine.requestShutdown(gracePeriod: gracePeriod)
        await engine.waitUntilStopped()
    }

    /// Builds the transfer (on the calling task: setting options does not block) and
    /// hands it over to the engine thread, which resumes the task when it is done.
    private func run(
        _ makeTransfer: () throws -> sending CurlTransfer
    ) async throws -> CurlTransferOutcome {
        try await engine.run { ticket, continuation in
            CurlEngine.Job(transfer: try makeTransfer(), ticket: ticket, continuation: continuation)
        }
    }
}
