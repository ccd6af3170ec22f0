import Foundation
import KadoEngine
import Logging
import ServiceLifecycle

/// Follows `rules/` and `templates/`: looks at every file's size, inode and
/// modification time every `interval` (portable, and cheap for a few hundred files)
/// and loads the configuration again when anything changed.
struct ConfigWatcher: Service {
    let state: StudioState
    let loader: ConfigLoader
    let interval: Duration
    let logger: Logger
    /// What the first ``load()`` saw, so that a save between it and ``run()`` is not missed.
    var loaded: TreeFingerprint?

    var roots: [String] { [loader.rulesDirectory, loader.templatesDirectory] }

    /// Loads the files now and records the result; returns the fingerprint it loaded.
    @discardableResult
    func load() async -> TreeFingerprint {
        let (loader, roots) = (self.loader, self.roots)
        let (fingerprint, result, diagnostics) = await BlockingQueue.run {
            // The fingerprint first: a save during the load shows up at the next look.
            let fingerprint = TreeFingerprint(roots: roots)
            let result = loader.load()
            return (fingerprint, result, SourceLines.attach(to: result.diagnostics))
        }
        state.record(result, diagnostics: diagnostics, at: Date())
        let errors = result.errors.count
        if errors == 0 {
            logger.info(
                "configuration loaded",
                metadata: ["rules": .stringConvertible(result.configuration?.ruleCount ?? 0)])
        } else {
            logger.notice(
                "configuration has errors; the page keeps the last good one beside them",
                metadata: ["errors": .stringConvertible(errors)])
        }
        return fingerprint
    }

    func run() async throws {
        var seen: TreeFingerprint
        if let loaded { seen = loaded } else { seen = await load() }
        while !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                return
            }
            let now = await BlockingQueue.run { [roots] in TreeFingerprint(roots: roots) }
            if now != seen { seen = await load() }
        }
    }
}
