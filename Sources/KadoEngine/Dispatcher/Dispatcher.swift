import Foundation
import KadoPostgres
import Logging

/// Sends what is due in the outbox and records each outcome.
///
/// Rows are claimed in batches with `SELECT ... FOR UPDATE SKIP LOCKED` inside a
/// transaction held while the batch is sent, so several dispatchers on one
/// database never send the same row; the outcomes are written in one statement
/// and committed with the claim. A crash rolls the claim back: at worst the
/// rows of the batch in flight are sent again (never lost).
public final class Dispatcher: Sendable {
    public struct Options: Sendable {
        public var tenant: String?
        /// Messages sent at the same time.
        public var concurrency: Int = 16
        /// Rows claimed per transaction.
        public var batchSize: Int = 500
        public var retry = RetryPolicy()

        public init(
            tenant: String? = nil, concurrency: Int = 16, batchSize: Int = 500,
            retry: RetryPolicy = RetryPolicy()
        ) {
            self.tenant = tenant
            self.concurrency = concurrency
            self.batchSize = batchSize
            self.retry = retry
        }
    }

    let configuration: Configuration
    let renderer: MessageRenderer
    let transport: DeliveryTransport
    let options: Options
    let logger: Logger
    private let limiters: [String: RateLimiter]

    public init(
        configuration: Configuration, renderer: MessageRenderer, transport: DeliveryTransport,
        options: Options,
        logger: Logger = Logger(label: "kado.dispatcher")
    ) {
        self.configuration = configuration
        self.renderer = renderer
        self.transport = transport
        self.options = options
        self.logger = logger
        var limiters: [String: RateLimiter] = [:]
        for tenant in configuration.tenants {
            for channel in tenant.config.channels.values {
                if let rate = channel.rateLimit {
                    limiters[tenant.config.id + "/" + channel.name] = RateLimiter(perSecond: rate)
                }
            }
        }
        self.limiters = limiters
    }

    /// Sends everything due now, batch after batch, and returns the counts.
    /// `progress` is called after every message.
    ///
    /// `shouldContinue` is asked before each batch is claimed: returning false (on
    /// SIGTERM) stops claiming while the batch in flight finishes.
    public func run(
        connection: PostgresConnection, shouldContinue: @escaping @Sendable () -> Bool = { true },
        progress: @escaping @Sendable (DispatchSummary) -> Void = { _ in }
    ) async throws -> DispatchSummary {
        let started = ContinuousClock.now
        var summary = DispatchSummary()
        summary.due = try await connection.perform { [options] c in
            try c.query(
                """
                SELECT count(*) FROM notifications
                 WHERE status IN ('pending', 'failed') AND next_attempt_at <= now() AND ($1::text IS NULL OR tenant_id = $1)
                """, [options.tenant]
            ).first?.decode(Int.self, at: 0) ?? 0
        }
        while shouldContinue() {
            let batch = try await dispatchBatch(
                connection: connection, summary: summary, started: started, progress: progress)
            guard let batch else { break }
            summary = batch
        }
        summary.elapsed = ContinuousClock.now - started
        return summary
    }

    /// One claimed batch; nil when nothing is due.
    private func dispatchBatch(
        connection: PostgresConnection, summary: DispatchSummary, started: ContinuousClock.Instant,
        progress: @escaping @Sendable (DispatchSummary) -> Void
    ) async throws -> DispatchSummary? {
        try await connection.perform { try $0.execute("BEGIN") }
        do {
            let rows = try await connection.perform { [options] c in
                try c.query(
                    """
                    SELECT \(OutboxRow.columns)
                      FROM notifications n JOIN promos p ON p.id = n.promo_id
                     WHERE n.status IN ('pending', 'failed') AND n.next_attempt_at <= now()
                       AND ($2::text IS NULL OR n.tenant_id = $2)
                     ORDER BY n.next_attempt_at, n.id
                     LIMIT $1
                       FOR UPDATE OF n SKIP LOCKED
                    """, [options.batchSize, options.tenant]
                ).map(OutboxRow.init(row:))
            }
            guard !rows.isEmpty else {
                try await connection.perform { try $0.execute("COMMIT") }
                return nil
            }
            var summary = summary
            let outcomes = try await send(rows) { result in
                switch result {
                case .sent: summary.sent += 1
                case .retry: summary.retrying += 1
                case .failed: summary.dead += 1
                }
                summary.elapsed = ContinuousClock.now - started
                progress(summary)
            }
            try await record(outcomes, rows: rows, connection: connection)
            try await connection.perform { try $0.execute("COMMIT") }
            return summary
        } catch {
            try? await connection.perform { try $0.execute("ROLLBACK") }
            throw error
        }
    }

    /// Sends `rows` with at most `concurrency` at once; returns each row's outcome by id.
    private func send(_ rows: [OutboxRow], onResult: (DeliveryResult) -> Void) async throws -> [Int64:
        DeliveryResult]
    {
        var outcomes: [Int64: DeliveryResult] = [:]
        try await withThrowingTaskGroup(of: (Int64, DeliveryResult).self) { group in
            var next = 0
            func addNext() {
                guard next < rows.count else { return }
                let row = rows[next]
                next += 1
                group.addTask { (row.id, await self.deliver(row)) }
            }
            for _ in 0..<min(options.concurrency, rows.count) { addNext() }
            while let (id, result) = try await group.next() {
                outcomes[id] = result
                onResult(result)
                addNext()
            }
        }
        return outcomes
    }

    /// Renders and sends one row; configuration gaps are retried later, not lost.
    func deliver(_ row: OutboxRow) async -> DeliveryResult {
        guard let tenant = configuration.tenant(row.tenantID) else {
            return .retry(after: nil, reason: "tenant '\(row.tenantID)' is not in the configuration")
        }
        guard let rule = tenant.rules.first(where: { $0.id == row.ruleID }) else {
            return .retry(after: nil, reason: "rule '\(row.ruleID)' is not in tenant '\(row.tenantID)'")
        }
        guard let channel = tenant.config.channels[row.channel] else {
            return .retry(
                after: nil, reason: "channel '\(row.channel)' is not configured for '\(row.tenantID)'")
        }
        guard
            let message = OutboxMessage.render(
                row: row, tenant: tenant.config, rule: rule, channel: channel, renderer: renderer)
        else {
            return .retry(
                after: nil,
                reason:
                    "template '\(row.template)' cannot render \(channel.kind.rawValue) for '\(row.tenantID)'")
        }
        if let limiter = limiters[row.tenantID + "/" + row.channel] { await limiter.acquire() }
        return await channel.provider.send(message, via: transport)
    }

    /// Writes every outcome of a batch in one statement.
    private func record(
        _ outcomes: [Int64: DeliveryResult], rows: [OutboxRow], connection: PostgresConnection
    ) async throws {
        var ids: [String] = []
        var statuses: [String] = []
        var delays: [String] = []
        var providerIDs: [String?] = []
        var errors: [String?] = []
        for row in rows {
            guard let outcome = outcomes[row.id] else { continue }
            let attempts = row.attempts + 1
            let maxAttempts =
                configuration.tenant(row.tenantID)?.config.channels[row.channel]?.maxAttempts ?? 8
            ids.append(String(row.id))
            switch outcome {
            case .sent(let providerID):
                statuses.append("sent")
                delays.append("0")
                providerIDs.append(providerID)
                errors.append(nil)
            case .retry(let after, let reason):
                if attempts >= maxAttempts {
                    statuses.append("dead")
                    errors.append("gave up after \(attempts) attempts: \(reason)")
                    delays.append("0")
                } else {
                    statuses.append("failed")
                    errors.append(reason)
                    let delay = options.retry.delay(afterAttempts: attempts, providerDelay: after)
                    delays.append(
                        String(Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
                    )
                }
                providerIDs.append(nil)
            case .failed(let reason):
                statuses.append("dead")
                delays.append("0")
                providerIDs.append(nil)
                errors.append(reason)
                logger.warning(
                    "message dead",
                    metadata: ["id": "\(row.id)", "tenant": "\(row.tenantID)", "reason": "\(reason)"])
            }
        }
        let parameters: [(any PostgresEncodable)?] = [
            ids, statuses, delays, providerIDs.map { $0 ?? "" }, errors.map { $0 ?? "" },
        ]
        try await connection.perform { c in
            try c.query(
                """
                UPDATE notifications n
                   SET status = r.status, attempts = n.attempts + 1,
                       next_attempt_at = CASE WHEN r.status = 'failed' THEN now() + make_interval(secs => r.delay) ELSE n.next_attempt_at END,
                       provider_message_id = NULLIF(r.provider_id, ''), last_error = NULLIF(r.error, ''),
                       sent_at = CASE WHEN r.status = 'sent' THEN now() ELSE n.sent_at END, updated_at = now()
                  FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::text[], $5::text[])
                       AS r(id, status, delay, provider_id, error)
                 WHERE n.id = r.id
                """, parameters)
        }
    }
}
