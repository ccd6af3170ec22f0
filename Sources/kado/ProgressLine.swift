import Foundation
import KadoEngine
import Synchronization

/// A progress line redrawn in place on a terminal, at most ten times a second.
final class ProgressLine: Sendable {
    private let last = Mutex(ContinuousClock.now - .seconds(1))
    private let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ s: DispatchSummary) {
        guard enabled else { return }
        last.withLock { last in
            guard ContinuousClock.now - last >= .milliseconds(100) || s.left == 0 else { return }
            last = .now
            let line =
                "\r  sent \(s.sent)  retrying \(s.retrying)  dead \(s.dead)  expired \(s.expired)  \(Int(s.rate.rounded()))/s  left \(s.left)   "
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }

    func finish() {
        if enabled { FileHandle.standardOutput.write(Data("\n".utf8)) }
    }
}
