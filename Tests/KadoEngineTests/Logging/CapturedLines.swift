import Foundation
import Logging
import Testing

@testable import KadoEngine

/// The lines a handler wrote.
final class CapturedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.withLock { lines.append(line) }
    }

    var all: [String] { lock.withLock { lines } }

    /// A logger whose handler writes `format` lines here.
    func logger(_ format: KadoLogHandler.Format, metadata: Logger.Metadata = [:]) -> Logger {
        var logger = Logger(label: "kado.test") { label in
            KadoLogHandler(label: label, format: format, output: { self.append($0) })
        }
        for (key, value) in metadata { logger[metadataKey: key] = value }
        return logger
    }

    /// The only line, parsed as a JSON object.
    func object() throws -> [String: Any] {
        let line = try #require(all.count == 1 ? all.first : nil)
        #expect(line.hasSuffix("}\n"))
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}
