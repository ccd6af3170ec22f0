import Foundation
import KadoCurl
import KadoEngine
import KadoStudio
import KadoTestSupport
import Logging
import ServiceLifecycle
import Testing

/// A running studio over a fresh copy of the shipped rules and templates, on 127.0.0.1
/// at a free port, and an HTTP client for it.
final class StudioFixture: Sendable {
    let directory: URL
    let url: String
    let task: Task<Void, any Error>
    let group: ServiceGroup
    let client: CurlClient

    var rules: URL { directory.appending(path: "rules") }
    var templates: URL { directory.appending(path: "templates") }

    /// Copies the configuration, lets `prepare` change it, then starts the studio.
    init(prepare: (URL) throws -> Void = { _ in }) async throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "kado-studio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in ["rules", "templates"] {
            try FileManager.default.copyItem(
                at: RepositoryRoot.appending(name).resolvingSymlinksInPath(),
                to: directory.appending(path: name))
        }
        try prepare(directory)
        var logger = Logger(label: "kado.studio.test")
        logger.logLevel = .warning
        let studio = Studio(
            listen: ListenAddress(host: "127.0.0.1", port: 0),
            loader: ConfigLoader(
                rulesDirectory: directory.appending(path: "rules").path,
                templatesDirectory: directory.appending(path: "templates").path, environment: [:]),
            database: nil, pollInterval: .milliseconds(100), logger: logger)
        let (addresses, continuation) = AsyncStream<String>.makeStream()
        let (service, _) = await studio.service { continuation.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        self.group = group
        task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = addresses.makeAsyncIterator()
        guard let url = await iterator.next() else {
            _ = await task.result
            throw StudioTestError("the studio did not start")
        }
        self.url = url
        client = try CurlClient()
    }

    /// Stops the studio as SIGTERM would (gracefully).
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
        await client.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> HTTPResponse {
        try await client.perform(HTTPRequest(url: url + path.dropFirst(), headers: headers))
    }

    /// Replaces `old` (once) with `new` in a file of the copy, as an editor saves it.
    func edit(_ file: String, _ old: String, _ new: String) throws {
        let path = directory.appending(path: file)
        let text = try String(contentsOf: path, encoding: .utf8)
        try #require(text.ranges(of: old).count == 1, "\(old) is not once in \(file)")
        try text.replacing(old, with: new).write(to: path, atomically: false, encoding: .utf8)
    }

    /// Polls `path` until `condition` holds for its text, for at most `timeout`.
    func poll(_ path: String, timeout: Duration = .seconds(10), until condition: (String) -> Bool)
        async throws
        -> String
    {
        let deadline = ContinuousClock.now + timeout
        while true {
            let text = try await get(path).text
            if condition(text) { return text }
            guard ContinuousClock.now < deadline else {
                throw StudioTestError(
                    "\(path) did not change as expected within \(timeout): \(text.prefix(300))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

struct StudioTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
