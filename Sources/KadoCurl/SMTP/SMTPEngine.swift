import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The delivery loop behind ``SMTPClient``: one dedicated thread keeps SMTP sessions
/// open and drives them all with one `poll`. libcurl opens each session (connect, TLS,
/// `EHLO`, `STARTTLS`, `AUTH`) through its socket interface; once open, the messages'
/// commands are written and their replies read here (``SMTPTransaction``), pipelined
/// where the server offers it. Pipelined, a session carries up to two messages: when a
/// body goes out and another message for the same server waits, that message's
/// commands follow the body in the same write (RFC 2920 allows commands after the
/// body's end), so each message costs one write and one read in the steady state
/// instead of two of each. The second message cannot have been accepted before its own
/// body, so a session that ends under it hands it back to the queue.
/// Nothing on this thread waits for one server: a silent server costs its own message
/// its time limit, no other message anything.
///
/// Other threads hand messages over through a ``CurlInbox``, which wakes the loop
/// through a pipe only when it waits.
///
/// `@unchecked Sendable`: the shared state is the inbox's (itself locked). The fields
/// under "engine thread" (the sessions, the scratch buffer) are only touched by the
/// engine thread. The pipe is written by the inbox's wake-up, never after
/// ``CurlInbox/finish()``, and closed by the engine thread after it.
final class SMTPEngine: CurlInboxEngine, @unchecked Sendable {
    /// A submitted message and the task waiting for it.
    struct Job: CurlInboxJob {
        let key: SMTPServerKey
        let message: SMTPMessage
        let timeout: Duration
        let ticket: CurlTicket
        let continuation: CheckedContinuation<SMTPResponse, any Error>
        /// Sent again on a new connection because its kept one turned out closed.
        var retried = false

        var shutDownFailure: @Sendable () -> Void {
            { [continuation, url = key.url] in continuation.resume(throwing: CurlError.shutDown(url: url)) }
        }

        func resumeCancelled() { continuation.resume(throwing: CancellationError()) }
    }

    let configuration: SMTPClient.Configuration
    /// The wake-up pipe: read end polled by the engine thread, write end written by
    /// the inbox.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    let inbox: CurlInbox<Job>

    // Engine thread only.
    private var waiting = CurlJobQueue<Job>()
    private var sessions: [SMTPSession] = []
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 << 10, alignment: 8)

    /// How long `RSET` after a refusal may take before the session is closed instead.
    static let resetTimeout = Duration.seconds(10)
    /// How long the reply to `QUIT` is waited for.
    static let quitTimeout = Duration.seconds(2)

    /// Creates the wake-up pipe and starts the engine thread.
    init(configuration: SMTPClient.Configuration) throws(CurlError) {
        try CurlGlobal.ensureInitialized()
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw CurlError(code: .failedInit, detail: "pipe failed: errno \(errno)", url: "")
        }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = ends[0]
        wakeWrite = ends[1]
        inbox = CurlInbox { [wakeWrite = ends[1]] in
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
        self.configuration = configuration
        let thread = Thread { [self] in run() }
        thread.name = configuration.threadName
        thread.start()
    }

    // MARK: Engine thread

    private func run() {
        var descriptors: [pollfd] = []
        /// For each descriptor after the pipe: its session, and whether it is an
        /// opening socket of libcurl's.
        var owners: [(session: SMTPSession, opening: Bool)] = []
        while true {
            let turn = inbox.take()
            let deadline = turn.deadline
            admit(turn)
            if let deadline, ContinuousClock.now >= deadline {
                abortAll()
            }
            expireDeadlines(ContinuousClock.now)
            startWaiting(ContinuousClock.now)
            if deadline != nil, waiting.isEmpty,
                !sessions.contains(where: { $0.job != nil || $0.chained != nil })
            {
                // Shutting down with nothing left to send: say QUIT, wait for the replies.
                for session in sessions where session.state == .idle {
                    retire(session)
                }
                sessions.removeAll { $0.state == .closed }
                if sessions.isEmpty { break }
            }
            descriptors.removeAll(keepingCapacity: true)
            owners.removeAll(keepingCapacity: true)
            descriptors.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            for session in sessions {
                switch session.state {
                case .connecting:
                    for (socket, what) in session.openingSockets {
                        var events: Int32 = 0
                        if what == CURL_POLL_IN || what == CURL_POLL_INOUT { events |= Int32(POLLIN) }
                        if what == CURL_POLL_OUT || what == CURL_POLL_INOUT { events |= Int32(POLLOUT) }
                        descriptors.append(pollfd(fd: socket, events: Int16(events), revents: 0))
                        owners.append((session, true))
                    }
                case .idle, .sending, .resetting, .quitting:
                    let events = Int32(POLLIN) | (session.wantsWrite ? Int32(POLLOUT) : 0)
                    descriptors.append(pollfd(fd: session.socket, events: Int16(events), revents: 0))
                    owners.append((session, false))
                case .closed:
                    break
                }
            }
            // Wait only with nothing handed over meanwhile (else just look at the sockets).
            let idle = inbox.beginWait(sawDeadline: deadline)
            let timeout = idle ? pollTimeout(until: deadline) : 0
            _ = descriptors.withUnsafeMutableBufferPointer { fds in
                poll(fds.baseAddress, nfds_t(fds.count), timeout)
            }
            if idle { inbox.endWait() }
            if descriptors[0].revents != 0 { drainWakeUps() }
            // What was handed over during the wait joins `waiting` before the replies are
            // handled, so that a body about to go carries the next message's commands even
            // when the message came in the same wait as the server's 354.
            admit(inbox.take())
            for (index, owner) in owners.enumerated() {
                let revents = Int32(descriptors[index + 1].revents)
                guard revents != 0, owner.session.state != .closed else { continue }
                if owner.opening {
                    var events: Int32 = 0
                    if revents & Int32(POLLIN | POLLHUP) != 0 { events |= CURL_CSELECT_IN }
                    if revents & Int32(POLLOUT) != 0 { events |= CURL_CSELECT_OUT }
                    if revents & Int32(POLLERR) != 0 { events |= CURL_CSELECT_ERR }
                    driveOpening(owner.session, socket: descriptors[index + 1].fd, events: events)
                } else {
                    service(owner.session, events: revents)
                }
            }
            let now = ContinuousClock.now
            for session in sessions where session.state == .connecting {
                if let timer = session.openingTimer, timer <= now {
                    driveOpening(session, socket: CURL_SOCKET_TIMEOUT, events: 0)
                }
            }
            sessions.removeAll { $0.state == .closed }
        }
        finishThread()
    }

    /// Queues the jobs handed over (``CurlJobQueue/admit(_:)``) and ends the cancelled ones.
    private func admit(_ turn: CurlInbox<Job>.Turn) {
        waiting.admit(turn.jobs)
        for ticket in turn.cancelled {
            abort(ticket)
        }
    }

    /// Empties the wake-up pipe.
    private func drainWakeUps() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &bytes, bytes.count) > 0 {}
    }

    /// Gives waiting messages to idle sessions of their server; else leaves one waiting
    /// for each pipelining session of their server whose current body is still to go (its
    /// commands follow that body, ``chainNext(on:)``) and for each session of their server
    /// being reset after a refusal; else opens a session for them up to
    /// the limits (closing an idle session of another server to make room). The others
    /// wait for the next body or idle session of their server: commands sent on their own
    /// behind a body already out would cost the write that chaining saves. Messages for
    /// other servers behind a waiting one are still served.
    private func startWaiting(_ now: ContinuousClock.Instant) {
        guard !waiting.isEmpty else { return }
        var promised: Set<ObjectIdentifier> = []
        var left: [Job] = []
        for job in waiting.removeAll() {
            if let session = sessions.first(where: { $0.state == .idle && $0.key == job.key }) {
                start(job, on: session, at: now)
            } else if let session = sessions.first(where: {
                $0.key == job.key && !promised.contains(ObjectIdentifier($0))
                    && ($0.state == .resetting || $0.canTakeChained && $0.transaction?.bodyStarted == false)
            }) {
                // Its next body carries this message's commands, or it is idle again after
                // one more reply (RSET): cheaper than opening a session.
                promised.insert(ObjectIdentifier(session))
                left.append(job)
            } else if open(job.key) >= sessionLimit(for: job.key) {
                left.append(job)
            } else if sessions.count(where: { $0.state != .quitting }) < max(1, configuration.maxConnections)
            {
                open(for: job, at: now)
            } else if let spare = sessions.first(where: { $0.state == .idle }) {
                retire(spare)
                open(for: job, at: now)
            } else {
                left.append(job)
            }
        }
        for job in left { waiting.append(job) }
    }

    /// Starts opening a session for `job`'s server; the job runs on it once it is open.
    private func open(for job: Job, at now: ContinuousClock.Instant) {
        let session: SMTPSession
        do {
            session = try SMTPSession.open(to: job.key, timeout: job.timeout)
        } catch {
            job.continuation.resume(throwing: error)
            return
        }
        session.job = job
        session.jobStart = now
        sessions.append(session)
        driveOpening(session, socket: CURL_SOCKET_TIMEOUT, events: 0)
    }

    /// Lets libcurl go on opening `session`; once it is open its message starts, and if
    /// the opening failed the message fails with libcurl's account of it.
    private func driveOpening(_ session: SMTPSession, socket: curl_socket_t, events: Int32) {
        guard let result = session.driveOpening(socket: socket, events: events) else { return }
        if result == CURLE_OK, session.opened() {
            guard let job = session.job else { return becomeIdle(session, at: .now) }
            if job.ticket.isCancelled {
                session.job = nil
                job.continuation.resume(throwing: CancellationError())
                becomeIdle(session, at: .now)
            } else {
                start(job, on: session, at: session.jobStart)
            }
            return
        }
        let failure: CurlError
        switch session.connection.finish(result) {
        case .failure(let error): failure = error
        case .success:
            failure = CurlError(
                code: .failedInit, detail: "libcurl opened the session without a socket", url: session.key.url
            )
        }
        session.job?.continuation.resume(throwing: failure)
        session.job = nil
        discard(session)
    }

    /// Begins `job`'s transaction on an open session; its time limit counts from `since`.
    private func start(_ job: Job, on session: SMTPSession, at since: ContinuousClock.Instant) {
        var transaction = SMTPTransaction(job.message, capabilities: session.capabilities)
        let bytes = transaction.start()
        session.job = job
        session.transaction = transaction
        session.jobStart = since
        session.deadline = since + job.timeout
        session.state = .sending
        do {
            try session.send(bytes)
        } catch {
            fail(session, error)
        }
    }

    /// Reads and writes what the poll reported for `session`.
    private func service(_ session: SMTPSession, events: Int32) {
        do {
            if events & Int32(POLLOUT) != 0, session.wantsWrite {
                try session.flush()
            }
            // Readable, or hung up or failed: reading tells which.
            guard events & ~Int32(POLLOUT) != 0 else { return }
            for reply in try session.receive(into: scratch) {
                try handle(reply, on: session)
                if session.state == .closed { return }
            }
        } catch {
            fail(session, error)
        }
    }

    /// One reply for `session`: the next step of its message, the end of `RSET`, or an
    /// unasked reply (a server closing an idle session says 421 first).
    private func handle(_ reply: SMTPReply, on session: SMTPSession) throws(SMTPSession.Failure) {
        switch session.state {
        case .sending:
            guard var transaction = session.transaction, let job = session.job else {
                discard(session)
                return
            }
            let next = transaction.receive(reply)
            session.transaction = transaction
            switch next {
            case .send(let bytes):
                if transaction.bodyStarted, let commands = chainNext(on: session) {
                    try session.send(bytes + commands)
                } else {
                    try session.send(bytes)
                }
            case .wait:
                break
            case .delivered(let final):
                session.job = nil
                session.isReused = true
                job.continuation.resume(
                    returning: SMTPResponse(code: final.code, replies: transaction.replyLines))
                advance(session, at: .now)
            case .refused(let phase, let refusal, let aftermath):
                session.job = nil
                session.isReused = true
                var error = CurlError(
                    code: phase == .data && transaction.bodyStarted ? .weirdServerReply : .sendError,
                    url: job.key.url, responseCode: refusal.code, phase: phase, serverReply: refusal.text)
                error.elapsed = .now - session.jobStart
                job.continuation.resume(throwing: error)
                if refusal.code == 421 || reply.code == 421 {
                    discard(session)
                    return
                }
                switch aftermath {
                case .keep:
                    advance(session, at: .now)
                case .reset where session.chained != nil:
                    // Commands of another message follow: RSET would land after them.
                    discard(session)
                case .reset:
                    session.state = .resetting
                    session.deadline = .now + Self.resetTimeout
                    try session.send(Self.resetCommand)
                case .close:
                    discard(session)
                }
            }
        case .resetting:
            if reply.code == 250 {
                becomeIdle(session, at: .now)
            } else {
                discard(session)
            }
        case .idle, .quitting, .connecting, .closed:
            discard(session)
        }
    }

    private static let resetCommand = Array("RSET\r\n".utf8)

    /// The session ended under a message: fails it, or sends it again on a new
    /// connection when a kept connection turned out closed before the server said
    /// anything to this message (it cannot have been accepted, and servers close idle
    /// sessions whenever they like).
    private func fail(_ session: SMTPSession, _ failure: SMTPSession.Failure) {
        defer { discard(session) }
        guard let job = session.job, session.state == .sending else { return }
        session.job = nil
        let lostKeptConnection: Bool
        switch failure {
        case .closedByServer, .transport:
            lostKeptConnection = session.isReused && session.transaction?.replyLines.isEmpty != false
        case .protocolViolation: lostKeptConnection = false
        }
        if lostKeptConnection && !job.retried {
            var again = job
            again.retried = true
            waiting.prepend(again)
            return
        }
        let error: CurlError
        switch failure {
        case .closedByServer:
            error = self.error(.recvError, detail: "the server closed the connection", on: session, job: job)
        case .transport(let code):
            error = self.error(
                CurlError.Code(rawValue: Int(code.rawValue)),
                detail: String(cString: curl_easy_strerror(code)),
                on: session, job: job)
        case .protocolViolation(let violation):
            error = self.error(
                .weirdServerReply, detail: "the server's reply is not SMTP (\(violation))", on: session,
                job: job)
        }
        job.continuation.resume(throwing: error)
    }

    /// Time limits: a message past its own fails as a timeout (its session is closed,
    /// the late reply would belong to nobody); a slow `RSET` and a session idle too long
    /// end their sessions.
    private func expireDeadlines(_ now: ContinuousClock.Instant) {
        for session in sessions {
            guard let deadline = session.deadline, now >= deadline else { continue }
            switch session.state {
            case .sending:
                if let job = session.job {
                    session.job = nil
                    job.continuation.resume(throwing: error(.operationTimedOut, on: session, job: job))
                }
                discard(session)
            case .resetting, .quitting:
                discard(session)
            case .idle:
                retire(session)
            case .connecting, .closed:
                break
            }
        }
        sessions.removeAll { $0.state == .closed }
    }

    /// The error of `job`, which ended unanswered on `session`: the step it was at, whether
    /// its body was still going out, and how long it ran.
    private func error(
        _ code: CurlError.Code, detail: String = "", on session: SMTPSession, job: Job
    ) -> CurlError {
        var error = CurlError(code: code, detail: detail, url: job.key.url, phase: session.transaction?.phase)
        error.sendingBody = session.isSendingBody
        error.elapsed = .now - session.jobStart
        return error
    }

    /// The commands of the first waiting message for `session`'s server, its transaction
    /// begun, to follow the body being sent; nil when the session cannot take a second
    /// message or none waits.
    private func chainNext(on session: SMTPSession) -> [UInt8]? {
        guard session.canTakeChained,
            let job = waiting.remove(where: { $0.key == session.key && !$0.ticket.isCancelled })
        else { return nil }
        return begin(job, chainedOn: session, at: .now)
    }

    private func begin(_ job: Job, chainedOn session: SMTPSession, at now: ContinuousClock.Instant) -> [UInt8]
    {
        var transaction = SMTPTransaction(job.message, capabilities: session.capabilities)
        let commands = transaction.start()
        session.chained = (job, transaction, now)
        return commands
    }

    /// The current message ended and the session is in step: the chained message, its
    /// commands already sent, becomes the current one; without one the session is idle.
    /// A chained message whose task was cancelled can only be abandoned by closing.
    private func advance(_ session: SMTPSession, at now: ContinuousClock.Instant) {
        guard let chained = session.chained else { return becomeIdle(session, at: now) }
        session.chained = nil
        guard let job = chained.job else { return discard(session) }
        session.job = job
        session.transaction = chained.transaction
        session.jobStart = chained.since
        session.deadline = chained.since + job.timeout
    }

    /// How many sessions a server gets: ``SMTPClient/Configuration/maxConnections``, or
    /// half of it (rounded up) for one that pipelines (as an open session of it says),
    /// whose sessions carry two messages each. Half the connections then carry as many
    /// messages at any latency, and each message costs one write and one read instead of
    /// two of each.
    private func sessionLimit(for key: SMTPServerKey) -> Int {
        let limit = max(1, configuration.maxConnections)
        let pipelines = sessions.contains {
            $0.key == key && $0.state != .connecting && $0.capabilities.pipelining
        }
        return pipelines ? (limit + 1) / 2 : limit
    }

    /// The sessions of `key` that are open or opening.
    private func open(_ key: SMTPServerKey) -> Int {
        sessions.count(where: { $0.key == key && $0.state != .quitting && $0.state != .closed })
    }

    /// Between messages: kept for the next one until ``SMTPClient/Configuration/idleTimeout``,
    /// or ended at once when its server has more sessions than ``sessionLimit(for:)`` (those
    /// opened before the server was known to pipeline).
    private func becomeIdle(_ session: SMTPSession, at now: ContinuousClock.Instant) {
        if open(session.key) > sessionLimit(for: session.key) {
            session.transaction = nil
            return retire(session)
        }
        session.state = .idle
        session.transaction = nil
        session.deadline = now + configuration.idleTimeout
    }

    /// Ends an idle session politely: `QUIT`, closed at the reply.
    private func retire(_ session: SMTPSession) {
        session.state = .quitting
        session.deadline = .now + Self.quitTimeout
        do {
            try session.send(Self.quitCommand)
        } catch {
            discard(session)
        }
    }

    private static let quitCommand = Array("QUIT\r\n".utf8)

    /// Closes `session` at once (it is dropped from `sessions` at the end of the turn).
    /// A chained message goes back to the front of the queue: its body was never sent, so
    /// the server cannot have accepted it.
    private func discard(_ session: SMTPSession) {
        if let job = session.chained?.job { waiting.prepend(job) }
        session.chained = nil
        session.close()
    }

    /// Ends the job of a cancelled task, waiting or running, with `CancellationError`.
    private func abort(_ ticket: CurlTicket) {
        if let job = waiting.remove(where: { $0.ticket === ticket }) {
            job.continuation.resume(throwing: CancellationError())
        } else if let session = sessions.first(where: { $0.chained?.job?.ticket === ticket }),
            let job = session.chained?.job
        {
            // Its commands are out: the session closes when it would have become current.
            session.chained?.job = nil
            job.continuation.resume(throwing: CancellationError())
        } else if let session = sessions.first(where: { $0.job?.ticket === ticket }), let job = session.job {
            session.job = nil
            job.continuation.resume(throwing: CancellationError())
            if session.state == .connecting || session.state == .sending || session.state == .resetting {
                discard(session)
            }
        }
        sessions.removeAll { $0.state == .closed }
    }

    /// The grace period is over: ends every remaining job with a shutdown error.
    private func abortAll() {
        for session in sessions {
            if let job = session.job {
                session.job = nil
                job.continuation.resume(throwing: CurlError.shutDown(url: job.key.url))
            }
            discard(session)
        }
        sessions.removeAll()
        for job in waiting.removeAll() {
            job.continuation.resume(throwing: CurlError.shutDown(url: job.key.url))
        }
    }

    /// At most a second, and no later than the nearest session deadline, opening timer
    /// or the shutdown deadline; with none of them (no session open) until woken, so an
    /// idle daemon's SMTP thread costs nothing.
    private func pollTimeout(until deadline: ContinuousClock.Instant?) -> Int32 {
        var nearest = deadline
        func consider(_ due: ContinuousClock.Instant?) {
            if let due, nearest.map({ due < $0 }) ?? true { nearest = due }
        }
        for session in sessions {
            consider(session.deadline)
            consider(session.openingTimer)
        }
        guard let nearest else { return -1 }
        let left = (nearest - ContinuousClock.now).curlMilliseconds
        return Int32(max(0, min(1000, left)))
    }

    /// Marks the engine stopped, closes the pipe and wakes `shutdown` callers.
    private func finishThread() {
        let waiters = inbox.finish()
        close(wakeRead)
        close(wakeWrite)
        scratch.deallocate()
        for waiter in waiters {
            waiter.resume()
        }
    }
}
