import Synchronization

/// Delivers email over SMTP on kept sessions.
///
/// One client owns one dedicated thread (``SMTPEngine``) that drives every session, so
/// callers can `await` from anywhere without blocking Swift's cooperative pool. libcurl
/// opens each session (TCP, TLS or `STARTTLS`, `EHLO`, `AUTH`); the messages then go
/// over it one after another, their commands pipelined when the server offers
/// PIPELINING (RFC 2920), so a message costs two round trips instead of four or more.
/// Create one client per process, call ``shutdown(gracePeriod:)`` when done.
///
/// ```swift
/// let client = try SMTPClient()
/// let response = try await client.send(SMTPRequest(url: "smtp://127.0.0.1:2525", ...))
/// await client.shutdown()
/// ```
public final class SMTPClient: Sendable {
    /// Limits of one client.
    public struct Configuration: Sendable {
        /// Sessions open at once (every server together); further messages wait. A server
        /// that pipelines gets at most half of them (rounded up), each carrying two messages.
        public var maxConnections: Int
        /// How long a session is kept without a message before it is closed (`QUIT`).
        public var idleTimeout: Duration
        /// Name of the engine thread (shows in debuggers and `top -H`).
        public var threadName: String

        /// Creates a configuration; every value has a default.
        public init(
            maxConnections: Int = 32, idleTimeout: Duration = .seconds(30), threadName: String = "kado-smtp"
        ) {
            self.maxConnections = maxConnections
            self.idleTimeout = idleTimeout
            self.threadName = threadName
        }
    }

    private let engine: SMTPEngine
    private let submitted = Atomic<Int>(0)

    /// How many messages ``send(_:)`` has handed over so far (queued for the engine thread,
    /// or refused at once by a shutdown): a caller can tell that a message is queued, not
    /// just about to be.
    public var messagesSubmitted: Int { submitted.load(ordering: .acquiring) }

    /// Starts the engine thread; throws if libcurl cannot be initialized.
    public init(configuration: Configuration = Configuration()) throws {
        engine = try SMTPEngine(configuration: configuration)
    }

    deinit {
        // No message can be in flight here (each call keeps the client alive): just let
        // the engine thread exit.
        engine.requestShutdown(gracePeriod: .zero)
    }

    /// Delivers one message; returns once the server has accepted it (final 250).
    ///
    /// Throws ``CurlError`` carrying the server's reply code and words when the server
    /// refuses a step (``CurlError/isTransient`` tells 4xx from 5xx, ``CurlError/phase``
    /// which step), `CancellationError` if the task is cancelled first.
    public func send(_ mail: SMTPRequest) async throws -> SMTPResponse {
        try CurlInputCheck.smtp(mail)
        let key = SMTPServerKey(mail)
        let message = SMTPMessage(mail)
        return try await engine.run { ticket, continuation in
            SMTPEngine.Job(
                key: key, message: message, timeout: mail.timeout, ticket: ticket, continuation: continuation)
        } submitted: {
            submitted.add(1, ordering: .releasing)
        }
    }

    /// Stops accepting messages, lets running and queued ones finish for at most
    /// `gracePeriod` (then aborts them with a ``CurlError``), closes the sessions and
    /// stops the thread.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        engine.requestShutdown(gracePeriod: gracePeriod)
        await engine.waitUntilStopped()
    }
}
