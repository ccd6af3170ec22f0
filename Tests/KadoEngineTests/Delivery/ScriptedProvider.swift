import Foundation
import KadoYAML
import Synchronization

@testable import KadoEngine

/// What a ``ScriptedProvider`` answers and what it was asked, shared with the test.
final class ProviderScript: Sendable {
    struct Call: Sendable {
        var message: OutgoingMessage
        var at: Date
    }

    private struct State {
        var calls: [Call] = []
        var answer: @Sendable (OutgoingMessage, Int) -> DeliveryResult
        var held = false
        var delay: Duration = .zero
        var holders: [CheckedContinuation<Void, Never>] = []
        var callWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state: Mutex<State>

    /// `answer` gets the message and how many times this recipient was sent to before.
    init(
        answer: @escaping @Sendable (OutgoingMessage, Int) -> DeliveryResult = { m, _ in
            .sent(providerMessageID: "id-\(m.id)")
        }
    ) {
        state = Mutex(State(answer: answer))
    }

    func setAnswer(_ answer: @escaping @Sendable (OutgoingMessage, Int) -> DeliveryResult) {
        state.withLock { $0.answer = answer }
    }

    var calls: [Call] { state.withLock { $0.calls } }

    /// Each send takes this long (the provider is slow).
    func setDelay(_ delay: Duration) { state.withLock { $0.delay = delay } }

    /// Sends block until ``release()`` (to hold messages in flight).
    func hold() { state.withLock { $0.held = true } }

    func release() {
        let holders = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.held = false
            defer { s.holders.removeAll() }
            return s.holders
        }
        for h in holders { h.resume() }
    }

    /// Returns once at least `count` sends have started.
    func waitForCalls(_ count: Int) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.calls.count >= count { return true }
                s.callWaiters.append((count, c))
                return false
            }
            if now { c.resume() }
        }
    }

    func send(_ message: OutgoingMessage) async -> DeliveryResult {
        let (held, ready, delay) = state.withLock {
            s -> (Bool, [CheckedContinuation<Void, Never>], Duration) in
            s.calls.append(Call(message: message, at: Date()))
            let count = s.calls.count
            let ready = s.callWaiters.filter { $0.count <= count }.map(\.continuation)
            s.callWaiters.removeAll { $0.count <= count }
            return (s.held, ready, s.delay)
        }
        for r in ready { r.resume() }
        if delay > .zero { try? await Task.sleep(for: delay) }
        if held {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let stillHeld = state.withLock { s -> Bool in
                    if s.held { s.holders.append(c) }
                    return s.held
                }
                if !stillHeld { c.resume() }
            }
        }
        return state.withLock { s in
            let before = s.calls.dropLast().filter { $0.message.recipient == message.recipient }.count
            return s.answer(message, before)
        }
    }
}

/// A provider that answers from a ``ProviderScript``: the dispatcher's tests drive
/// outcomes without a network.
struct ScriptedProvider: ChannelProvider {
    static let name = "scripted"
    static var kinds: Set<MessageKind> { Set(MessageKind.allCases) }
    static let settings = ObjectSchema("A provider for tests.", fields: [])

    let script: ProviderScript

    init(script: ProviderScript) {
        self.script = script
    }

    init?(settings: YAMLNode, context: inout ConfigContext) { nil }

    var summary: String { "scripted" }

    func send(_ message: OutgoingMessage, via transport: DeliveryTransport) async -> DeliveryResult {
        await script.send(message)
    }

    func payload(for message: OutgoingMessage, date: Date) -> Result<ProviderPayload, MessageFileError> {
        message.filePayload(date: date)
    }
}
