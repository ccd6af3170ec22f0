import Foundation
import KadoPostgres
import Logging
import Synchronization

/// Sends what is due in the outbox and records each outcome as soon as it is known.
///
/// Rows are claimed with a lease (``OutboxStore/claim(limit:claimant:lease:tenants:dueBy:sendExpired:connection:)``:
/// one short statement, nothing held open while sending) and topped up while earlier
/// ones are still being sent. `concurrency` workers render, wait for the channel's
/// shared rate limit (``ChannelGate``), send, and record the outcome
/// (``OutcomeRecorder``, in small groups) before taking the next message. So:
///
/// - several dispatchers never hold the same row;
/// - SIGTERM (``drain(dueBy:stop:progress:)``'s `stop`) stops claiming, hands back every
///   claimed message not yet started, and lets the ones in flight finish within `grace`;
/// - a crash (kill -9) leaves at most `concurrency` messages delivered but unrecorded;
///   their leases run out and they are sent again. Nothing is lost.
package final class Dispatcher: Sendable {
    package struct Options: Sendable {
        /// Only this tenant's messages (nil: every configured tenant).
        package var tenant: String?
        /// Messages sent at the same time; also the most a crash can send twice.
        package var concurrency: Int
        /// Rows claimed per statement (claimed ahead of sending, never sent twice by a crash).
        package var batchSize: Int
        /// How long a claim lasts without renewal; a crashed dispatcher's rows are free again after it.
        package var lease: Duration
        /// How long in-flight sends may take to finish after a stop.
        package var grace: Duration
        package var retry: RetryPolicy
        /// Send messages whose promo has ended instead of marking them expired.
        package var sendExpired: Bool
        /// Keep going through a database outage (the daemon) instead of failing (one-shot commands).
        package var waitThroughOutages: Bool
        /// This dispatcher's id in `notifications.claimed_by`.
        package var claimant: String

        package init(
            tenant: String? = nil, concurrency: Int = 16, batchSize: Int = 500,
            lease: Duration = .seconds(60),
            grace: Duration = .seconds(25), retry: RetryPolicy = RetryPolicy(), sendExpired: Bool = false,
            waitThroughOutages: Bool = false, claimant: String = Dispatcher.newClaimant()
        ) {
            self.tenant = tenant
            self.concurrency = concurrency
            self.batchSize = batchSize
            self.lease = lease
            self.grace = grace
            self.retry = retry
            self.sendExpired = sendExpired
            self.waitThroughOutages = waitThroughOutages
            self.claimant = claimant
        }
    }

    /// A claimant id unique to this process: host, process id and a random suffix.
    package static func newClaimant() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "kado"
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return "\(host):\(ProcessInfo.processInfo.processIdentifier):\(suffix)"
    }

    let configuration: Configuration
    let renderer: MessageRenderer
    let transport: DeliveryTransport
    package let options: Options
    let logger: Logger
    let clock: any KadoClock
    /// Claims, lease renewals and hand-backs.
    let claims: Database
    /// Outcomes, tokens and pauses.
    let records: Database
    private let gates: [String: ChannelGate]
    private let outbox = OutboxStore()
    private let channelState = ChannelStateStore()

    package init(
        configuration: Configuration, renderer: MessageRenderer, transport: DeliveryTransport,
        claims: Database, records: Database, options: Options, clock: any KadoClock = SystemClock(),
        logger: Logger = Logger(label: "kado.dispatcher")
    ) {
        self.configuration = configuration
        self.renderer = renderer
        self.transport = transport
        self.claims = claims
        self.records = records
        self.options = options
        self.clock = clock
        self.logger = logger
        var gates: [String: ChannelGate] = [:]
        for tenant in configuration.tenants {
            for channel in tenant.config.channels.values {
                gates[SendQueue.key(tenant: tenant.config.id, channel: channel.name)] = ChannelGate(
                    tenantID: tenant.config.id, channel: channel.name, rate: channel.effectiveRateLimit,
                    database: records, clock: clock)
            }
        }
        self.gates = gates
    }

    /// The tenants whose messages this dispatcher sends.
    package var tenants: [String] {
        configuration.tenants.map(\.config.id).filter { options.tenant == nil || $0 == options.tenant }
    }

    /// Forgets pauses this process learned (after a reload: credentials may be fixed).
    package func forgetPauses() async {
        for gate in gates.values { await gate.forgetPause() }
    }

    /// Sends everything claimable (due by `dueBy`, when given) until nothing is left or
    /// `stop` is set, and returns the counts. `progress` is called after every message.
    package func drain(
        dueBy: Date? = nil, stop: StopSignal = StopSignal(),
        progress: @escaping @Sendable (DispatchSummary) -> Void = { _ in }
    ) async throws -> DispatchSummary {
        let started = ContinuousClock.now
        let tenants = self.tenants
        let due = try await claims.perform { [outbox] c in
            try outbox.countDue(tenants: tenants, connection: c)
        }
        let tally = Tally()
        tally.state.withLock { $0.due = due }
        let queue = SendQueue(caps: lineCaps(), defaultCap: options.concurrency)
        let held = HeldLeases()
        let recorder = OutcomeRecorder(
            database: records, claimant: options.claimant, held: held, clock: clock,
            waitThroughOutages: options.waitThroughOutages, logger: logger)
        let claimFailure = Tally()

        enum Role: Sendable { case claimer, worker, heartbeat, watchdog(graceOver: Bool) }
        try await withThrowingTaskGroup(of: Role.self) { group in
            group.addTask {
                do {
                    try await self.claimLoop(queue: queue, held: held, stop: stop, dueBy: dueBy, tally: tally)
                } catch {
                    claimFailure.failure.withLock { $0 = error }
                }
                await queue.finish()
                return .claimer
            }
            for _ in 0..<options.concurrency {
                group.addTask {
                    try await self.workLoop(
                        queue: queue, recorder: recorder, tally: tally, started: started, progress: progress)
                    return .worker
                }
            }
            group.addTask {
                await self.renewLeases(held)
                return .heartbeat
            }
            group.addTask {
                await stop.wait()
                guard !Task.isCancelled else { return .watchdog(graceOver: false) }
                let unstarted = await queue.drainUnstarted()
                await self.handBack(unstarted, held: held)
                do {
                    try await self.clock.sleep(for: self.options.grace)
                } catch {
                    return .watchdog(graceOver: false)
                }
                return .watchdog(graceOver: true)
            }
            var working = options.concurrency + 1
            do {
                while working > 0, let role = try await group.next() {
                    switch role {
                    case .claimer, .worker:
                        working -= 1
                    case .watchdog(let graceOver):
                        if graceOver {
                            logger.warning(
                                "grace period over: cancelling sends still in flight; their outcome is unknown and they will be tried again",
                                metadata: ["grace_seconds": .stringConvertible(options.grace.inSeconds)])
                            group.cancelAll()
                        }
                    case .heartbeat:
                        break
                    }
                }
            } catch {
                await handBack(await queue.drainUnstarted(), held: held)
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
        if let failure = claimFailure.failure.withLock({ $0 }) { throw failure }
        var summary = tally.state.withLock { $0 }
        summary.elapsed = ContinuousClock.now - started
        return summary
    }

    /// In-flight caps per channel: a rate-limited channel gets the slots it can use
    /// (a fifth of a second of its rate, at least one), the others all of them.
    private func lineCaps() -> [String: Int] {
        var caps: [String: Int] = [:]
        for tenant in configuration.tenants {
            for channel in tenant.config.channels.values {
                guard let rate = channel.effectiveRateLimit else { continue }
                caps[SendQueue.key(tenant: tenant.config.id, channel: channel.name)] = min(
                    options.concurrency, max(1, Int((rate * 0.2).rounded(.up))))
            }
        }
        return caps
    }

    private func claimLoop(
        queue: SendQueue, held: HeldLeases, stop: StopSignal, dueBy: Date?, tally: Tally
    ) async throws {
        let (outbox, options, tenants) = (self.outbox, self.options, self.tenants)
        let (policy, clock) = (DeliveryPolicy(configuration: configuration), self.clock)
        let lowWater = max(options.concurrency, options.batchSize / 2)
        while !stop.isStopped && !Task.isCancelled {
            await queue.waitForRoom(below: lowWater)
            if stop.isStopped { break }
            let want = max(1, options.batchSize - (await queue.count))
            let claim = try await claims.perform { c in
                try outbox.claim(
                    limit: want, claimant: options.claimant, lease: options.lease, tenants: tenants,
                    dueBy: dueBy, sendExpired: options.sendExpired, policy: policy, now: clock.now(),
                    connection: c)
            }
            tally.state.withLock {
                $0.quiet += claim.quiet
                $0.capped += claim.capped
            }
            for (settled, count) in claim.settled {
                KadoMetrics.message(
                    tenant: settled.tenantID, channel: settled.channel, status: settled.status.rawValue,
                    count: count)
            }
            if claim.suppressed > 0 {
                tally.state.withLock { $0.suppressed += claim.suppressed }
                logger.info(
                    "messages not sent: their recipients are suppressed on the channel",
                    metadata: ["messages": .stringConvertible(claim.suppressed)])
            }
            if claim.expired > 0 {
                tally.state.withLock { $0.expired += claim.expired }
                logger.warning(
                    "messages not sent: their promo had ended (pass --send-expired to send them anyway)",
                    metadata: ["messages": .stringConvertible(claim.expired)])
            }
            if claim.messages.isEmpty {
                if !claim.settled.isEmpty || claim.quiet > 0 { continue }
                break
            }
            held.hold(claim.messages)
            if stop.isStopped {
                await handBack(claim.messages, held: held)
                break
            }
            await queue.add(claim.messages)
        }
    }

    private func workLoop(
        queue: SendQueue, recorder: OutcomeRecorder, tally: Tally, started: ContinuousClock.Instant,
        progress: @escaping @Sendable (DispatchSummary) -> Void
    ) async throws {
        var previous: ClaimedMessage?
        while let message = await queue.next(after: previous) {
            previous = nil
            let outcome = await deliver(message)
            do {
                try await recorder.record(outcome)
            } catch {
                await queue.done(message)
                throw error
            }
            previous = message
            KadoMetrics.message(
                tenant: message.tenantID, channel: message.channel,
                status: outcome.countsAttempt ? outcome.status.rawValue : "deferred")
            let snapshot = tally.state.withLock { s -> DispatchSummary in
                switch outcome.status {
                case .sent: s.sent += 1
                case .dead: s.dead += 1
                case .failed where outcome.countsAttempt: s.retrying += 1
                default: s.deferred += 1
                }
                s.elapsed = ContinuousClock.now - started
                return s
            }
            progress(snapshot)
        }
    }

    /// Keeps the leases of the rows `held` alive while it works (a third of the lease apart).
    private func renewLeases(_ held: HeldLeases) async {
        let (outbox, options) = (self.outbox, self.options)
        while !Task.isCancelled {
            do {
                try await clock.sleep(for: options.lease / 3)
            } catch {
                return
            }
            let (tenants, ids) = held.keys
            guard !ids.isEmpty else { continue }
            _ = try? await claims.perform { c -> Int in
                try outbox.renewLeases(
                    tenants: tenants, ids: ids, claimant: options.claimant, lease: options.lease,
                    connection: c)
            }
        }
    }

    /// Returns claimed messages unsent (stop, or the end of a drain that failed).
    /// They are no longer renewed either way: a hand-back that fails leaves them to their
    /// lease, as its warning says.
    private func handBack(_ messages: [ClaimedMessage], held: HeldLeases) async {
        guard !messages.isEmpty else { return }
        held.forget(messages.map(\.id))
        let (outbox, claimant) = (self.outbox, options.claimant)
        do {
            _ = try await records.perform { c in
                try outbox.release(messages, claimant: claimant, connection: c)
            }
        } catch {
            logger.warning(
                "could not hand back unsent messages; they are free again when their lease runs out",
                metadata: ["messages": .stringConvertible(messages.count), "reason": "\(error)"])
        }
    }

    // MARK: - One message

    /// Renders, waits for the channel, sends and classifies one message. Never throws.
    func deliver(_ message: ClaimedMessage) async -> OutboxOutcome {
        guard let tenant = configuration.tenant(message.tenantID),
            let channel = tenant.config.channels[message.channel]
        else {
            return retry(
                message, maxAttempts: ChannelConfig.defaultMaxAttempts,
                failure: DeliveryFailure(
                    .temporary,
                    reason: "channel '\(message.channel)' is not configured for tenant '\(message.tenantID)'",
                    code: "config"))
        }
        let address: String
        switch channel.kind.address.normalized(message.recipient, tenant: tenant.config) {
        case .success(let normalized): address = normalized
        case .failure(let problem):
            // Not a number this kind can go to: as good as no address, so the fallback sends.
            let reason =
                "cannot send \(channel.kind) to '\(MessageText.printable(message.recipient))': \(problem.reason)"
            return await outcome(
                of: .failed(reason: reason, code: "address", kind: .recipientUnreachable), for: message,
                channel: channel, gate: nil)
        }
        guard
            let outgoing = OutboxMessage.render(
                message, address: address, tenant: tenant, channel: channel, renderer: renderer)
        else {
            return retry(
                message, maxAttempts: channel.maxAttempts,
                failure: DeliveryFailure(
                    .temporary,
                    reason:
                        "template '\(message.template)' cannot render \(channel.kind.rawValue) for '\(message.tenantID)'",
                    code: "template"))
        }
        let gate = gates[SendQueue.key(tenant: message.tenantID, channel: message.channel)]
        if let gate {
            do {
                if case .paused(_, let reason) = try await gate.admit() {
                    // Due again at once: claims skip the channel while its pause lasts, and
                    // a pause that ends early (a reload) frees the message at once.
                    return handedBack(
                        message, until: clock.now(), reason: "waiting: channel paused: \(reason)")
                }
            } catch {
                return handedBack(message, until: clock.now(), reason: "waiting: \(error)")
            }
        }
        let sending = ContinuousClock.now
        let result = await channel.provider.send(outgoing, via: transport)
        KadoMetrics.send(
            tenant: message.tenantID, channel: message.channel, took: ContinuousClock.now - sending)
        return await outcome(of: result, for: message, channel: channel, gate: gate)
    }

    private func outcome(
        of result: DeliveryResult, for message: ClaimedMessage, channel: ChannelConfig, gate: ChannelGate?
    ) async -> OutboxOutcome {
        switch result {
        case .sent(let providerID):
            return OutboxOutcome(of: message, status: .sent, providerMessageID: providerID)
        case .failed(let failure):
            logger.warning(
                "message dead",
                metadata: [
                    "id": .stringConvertible(message.id), "tenant": .string(message.tenantID),
                    "channel": .string(message.channel), "code": .string(failure.code ?? ""),
                    "reason": .string(failure.reason),
                ])
            var outcome = OutboxOutcome(
                of: message, status: .dead, error: failure.reason,
                errorCode: failure.code)
            outcome.fallsBack = failure.kind == .recipientUnreachable
            return outcome
        case .retry(let failure):
            switch failure.kind {
            case .credentials:
                _ = await pauseChannel(
                    message, channel: channel, gate: gate, for: channel.credentialsRetry, kind: .credentials,
                    reason: failure.reason)
                var outcome = handedBack(message, until: clock.now(), reason: "waiting: \(failure.reason)")
                outcome.errorCode = failure.code
                return outcome
            case .rateLimited:
                let wait = options.retry.delay(
                    afterAttempts: 1, providerDelay: failure.retryAfter ?? .seconds(5))
                _ = await pauseChannel(
                    message, channel: channel, gate: gate, for: wait, kind: .rateLimit, reason: failure.reason
                )
                return retry(message, maxAttempts: channel.maxAttempts, failure: failure)
            default:
                return retry(message, maxAttempts: channel.maxAttempts, failure: failure)
            }
        }
    }

    /// A retryable failure: failed with the next attempt, or dead when attempts run out.
    private func retry(_ message: ClaimedMessage, maxAttempts: Int, failure: DeliveryFailure) -> OutboxOutcome
    {
        let attempts = message.attempts + 1
        if attempts >= maxAttempts {
            let reason = "gave up after \(attempts) attempts: \(failure.reason)"
            logger.warning(
                "message dead: attempts exhausted",
                metadata: [
                    "id": .stringConvertible(message.id), "tenant": .string(message.tenantID),
                    "channel": .string(message.channel), "attempts": .stringConvertible(attempts),
                    "reason": .string(failure.reason),
                ])
            return OutboxOutcome(
                of: message, status: .dead, error: reason,
                errorCode: failure.code)
        }
        let delay = options.retry.delay(afterAttempts: attempts, providerDelay: failure.retryAfter)
        return OutboxOutcome(
            of: message, status: .failed, retryDelay: delay,
            error: failure.reason, errorCode: failure.code
        )
    }

    /// Back to the outbox unsent, no attempt counted, due again at `until`.
    private func handedBack(_ message: ClaimedMessage, until: Date, reason: String) -> OutboxOutcome {
        let delay = max(0, until.timeIntervalSince(clock.now()))
        return OutboxOutcome(
            of: message, status: message.attempts == 0 ? .pending : .failed,
            countsAttempt: false,
            retryDelay: .milliseconds(Int64(delay * 1000)), error: reason)
    }

    /// Pauses the channel for every dispatcher (and this process's gate); returns when it ends.
    private func pauseChannel(
        _ message: ClaimedMessage, channel: ChannelConfig, gate: ChannelGate?, for duration: Duration,
        kind: ChannelStateStore.PauseKind, reason: String
    ) async -> Date {
        let store = channelState
        let (tenant, name) = (message.tenantID, message.channel)
        var until = clock.now().addingTimeInterval(duration.inSeconds)
        do {
            until = try await records.perform { c in
                try store.pause(
                    tenant: tenant, channel: name, for: duration, kind: kind, reason: reason, connection: c)
            }
        } catch {
            logger.warning("could not record the channel pause", metadata: ["reason": "\(error)"])
        }
        guard await gate?.pause(until: until, reason: reason) ?? true else { return until }
        let level: Logger.Level = kind == .credentials ? .error : .warning
        logger.log(
            level: level,
            kind == .credentials
                ? "channel paused: the provider rejected the credentials; messages wait until it resumes (fix the secret and reload with SIGHUP)"
                : "channel paused: the provider asked to slow down",
            metadata: [
                "tenant": .string(tenant), "channel": .string(name), "until": .string(ISO8601.string(until)),
                "reason": .string(reason),
            ])
        return until
    }
}

/// A drain's running counts and the claimer's failure, shared by its tasks.
private final class Tally: Sendable {
    let state = Mutex(DispatchSummary())
    let failure = Mutex<(any Error)?>(nil)
}
