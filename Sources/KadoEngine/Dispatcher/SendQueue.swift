/// Claimed messages waiting for a send slot, one first-in-first-out line per
/// (tenant, channel), served round-robin, with a cap on how many of one channel are
/// in flight at once, so a slow, rate-limited channel cannot hold every slot while
/// another channel's messages wait.
actor SendQueue {
    private var lines: [String: [ClaimedMessage]] = [:]
    private var heads: [String: Int] = [:]
    private var order: [String] = []
    private var turn = 0
    private var inFlight: [String: Int] = [:]
    private var caps: [String: Int]
    private let defaultCap: Int
    private var waiting: Int = 0
    private var finished = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var roomWaiters: [CheckedContinuation<Void, Never>] = []

    /// `caps` by line key (``key(tenant:channel:)``); lines without one get `defaultCap`.
    init(caps: [String: Int], defaultCap: Int) {
        self.caps = caps
        self.defaultCap = max(1, defaultCap)
    }

    static func key(tenant: String, channel: String) -> String { tenant + "/" + channel }

    /// Messages claimed and not yet started.
    var count: Int { waiting }

    /// Adds freshly claimed messages.
    func add(_ messages: [ClaimedMessage]) {
        for message in messages {
            let key = Self.key(tenant: message.tenantID, channel: message.channel)
            if lines[key] == nil {
                lines[key] = []
                heads[key] = 0
                order.append(key)
            }
            lines[key, default: []].append(message)
        }
        waiting += messages.count
        wakeAll()
    }

    /// No more messages will be added; workers end once the queue is empty.
    func finish() {
        finished = true
        wakeAll()
    }

    /// Ends claiming and takes back every message not started yet (to hand back unsent).
    func drainUnstarted() -> [ClaimedMessage] {
        finished = true
        var unstarted: [ClaimedMessage] = []
        for key in order {
            let line = lines[key] ?? []
            unstarted += line[(heads[key] ?? 0)...]
        }
        lines.removeAll()
        heads.removeAll()
        order.removeAll()
        waiting = 0
        wakeAll()
        return unstarted
    }

    /// The next message a worker may start, or nil when the queue is finished and empty.
    /// `previous`, the worker's last message (its outcome recorded), frees its slot
    /// first; that slot goes to this worker, so nobody else is woken for it (one call
    /// instead of two per message, and no waiter woken only to wait again).
    func next(after previous: ClaimedMessage? = nil) async -> ClaimedMessage? {
        if let previous { release(previous) }
        while true {
            if let message = takeNext() { return message }
            if finished && waiting == 0 { return nil }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    /// A worker gave up a message of this line without asking for another: its slot is
    /// free for one waiting worker.
    func done(_ message: ClaimedMessage) {
        release(message)
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }

    private func release(_ message: ClaimedMessage) {
        let key = Self.key(tenant: message.tenantID, channel: message.channel)
        inFlight[key, default: 1] -= 1
    }

    /// Waits until fewer than `limit` messages wait (the claimer tops up from there).
    func waitForRoom(below limit: Int) async {
        while waiting >= limit && !finished {
            await withCheckedContinuation { roomWaiters.append($0) }
        }
    }

    private func takeNext() -> ClaimedMessage? {
        guard !order.isEmpty else { return nil }
        for step in 0..<order.count {
            let index = (turn + step) % order.count
            let key = order[index]
            let head = heads[key] ?? 0
            guard let line = lines[key], head < line.count else { continue }
            guard inFlight[key, default: 0] < caps[key, default: defaultCap] else { continue }
            heads[key] = head + 1
            inFlight[key, default: 0] += 1
            waiting -= 1
            turn = (index + 1) % order.count
            if head + 1 == line.count {
                lines[key] = []
                heads[key] = 0
            }
            if waiting == 0 || waiting % 16 == 0 { wakeRoom() }
            // The last message is out: workers waiting for a slot end now.
            if waiting == 0 && finished { wakeAll() }
            return line[head]
        }
        return nil
    }

    private func wakeAll() {
        let woken = waiters
        waiters.removeAll()
        for waiter in woken { waiter.resume() }
        wakeRoom()
    }

    private func wakeRoom() {
        let woken = roomWaiters
        roomWaiters.removeAll()
        for waiter in woken { waiter.resume() }
    }
}
