import Logging
import Synchronization

/// The configuration the daemon runs, replaced as a whole by a successful reload and
/// kept as it is when a reload fails (the last good state keeps running).
package final class ConfigHolder: Sendable {
    /// One loaded configuration with its compiled templates.
    package struct Snapshot: Sendable {
        package var configuration: Configuration
        package var renderer: MessageRenderer
        /// 0 for the first configuration, then one more per successful reload.
        package var generation: Int
    }

    private let state: Mutex<Snapshot>
    private let load: @Sendable () -> ConfigLoader.Result
    /// Fires after every successful reload.
    package let reloaded = Signal()

    /// Starts with `configuration`; `load` reads the files again on reload.
    package init(configuration: Configuration, load: @escaping @Sendable () -> ConfigLoader.Result) throws {
        state = Mutex(
            Snapshot(
                configuration: configuration, renderer: try MessageRenderer(configuration: configuration),
                generation: 0))
        self.load = load
    }

    package var current: Snapshot { state.withLock { $0 } }

    /// What a reload did.
    package enum ReloadOutcome: Sendable {
        case reloaded(Snapshot)
        /// The files have errors (or templates do not compile): the running configuration stays.
        case rejected([Diagnostic])
    }

    /// Reads the files again; swaps the configuration in only when it is valid.
    package func reload() -> ReloadOutcome {
        let result = load()
        guard let configuration = result.configuration else { return .rejected(result.errors) }
        let renderer: MessageRenderer
        do {
            renderer = try MessageRenderer(configuration: configuration)
        } catch {
            return .rejected([
                Diagnostic(
                    at: .init(file: "templates", line: 1, column: 1), "templates do not compile: \(error)")
            ])
        }
        let snapshot = state.withLock { s -> Snapshot in
            s = Snapshot(configuration: configuration, renderer: renderer, generation: s.generation + 1)
            return s
        }
        reloaded.fire()
        return .reloaded(snapshot)
    }
}
