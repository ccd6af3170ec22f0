import Foundation
import KadoEngine
import Synchronization

/// The studio's current ``StudioSnapshot``, replaced as a whole after each load.
final class StudioState: Sendable {
    private let state = Mutex(StudioSnapshot())

    var snapshot: StudioSnapshot { state.withLock { $0 } }

    /// Records a load: a valid configuration replaces the last good one; an invalid one
    /// only replaces the problems, so the last good renderings stay beside them.
    func record(_ result: ConfigLoader.Result, diagnostics: [StudioDiagnostic], at now: Date) {
        var diagnostics = diagnostics
        var good: StudioSnapshot.GoodConfiguration?
        if let configuration = result.configuration {
            do {
                good = .init(
                    configuration: configuration, renderer: try MessageRenderer(configuration: configuration),
                    loadedAt: now)
            } catch {
                diagnostics.append(
                    StudioDiagnostic(
                        diagnostic: Diagnostic(
                            at: .init(file: "templates", line: 1, column: 1),
                            "templates do not compile: \(error)"),
                        sourceLine: nil))
            }
        }
        state.withLock { s in
            s.generation += 1
            s.diagnostics = diagnostics
            s.isValid = good != nil
            s.checkedAt = now
            if let good { s.good = good }
        }
    }
}
