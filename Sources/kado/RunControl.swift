import Dispatch
import Foundation

/// Signals for the daemon: SIGHUP asks for a config reload, SIGTERM/SIGINT for a
/// graceful stop. Handlers run on a dispatch queue and only set flags; the run
/// loop polls them between steps.
final class RunControl: @unchecked Sendable {
    // All state below is guarded by `lock`.
    private let lock = NSLock()
    private var reload = false
    private var stop = false
    private var sources: [DispatchSourceSignal] = []
    private let onStop: @Sendable () -> Void

    init(onStop: @escaping @Sendable () -> Void) {
        self.onStop = onStop
        for (number, action) in [(SIGHUP, Action.reload), (SIGTERM, .stop), (SIGINT, .stop)] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.handle(action) }
            source.resume()
            sources.append(source)
        }
    }

    private enum Action { case reload, stop }

    private func handle(_ action: Action) {
        let first: Bool = lock.withLock {
            switch action {
            case .reload:
                reload = true
                return false
            case .stop:
                defer { stop = true }
                return !stop
            }
        }
        if first { onStop() }
    }

    var stopping: Bool { lock.withLock { stop } }

    /// True once per SIGHUP.
    func takeReload() -> Bool {
        lock.withLock {
            defer { reload = false }
            return reload
        }
    }

    /// Sleeps until `deadline`, waking early on any signal.
    func sleep(until deadline: Date) async {
        while Date() < deadline {
            if lock.withLock({ stop || reload }) { return }
            let step = min(0.2, deadline.timeIntervalSinceNow)
            if step > 0 { try? await Task.sleep(for: .milliseconds(Int(step * 1000) + 1)) }
        }
    }
}
