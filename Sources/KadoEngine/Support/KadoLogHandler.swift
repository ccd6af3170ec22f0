import Foundation
import Logging

/// One line per event: `time level message key=value ...`, or one JSON object
/// per line for log shippers. Secrets never reach the log: only ids and counts
/// are logged as metadata.
public struct KadoLogHandler: LogHandler {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let format: Format

    public init(label: String, format: Format, level: Logger.Level = .info) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let time = Self.timestamp()
        let line: String
        switch format {
        case .text:
            let fields = merged.sorted { $0.key < $1.key }.map {
                "\($0.key)=\(Self.quoteIfNeeded("\($0.value)"))"
            }
            line = ([time, event.level.rawValue, event.message.description] + fields).joined(separator: " ")
        case .json:
            var object: [(String, JSONValue)] = [
                ("time", .string(time)), ("level", .string(event.level.rawValue)), ("logger", .string(label)),
                ("message", .string(event.message.description)),
            ]
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
                object.append((key, .string("\(value)")))
            }
            line = JSONValue.object(object).rendered(indent: 0)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    static func quoteIfNeeded(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) ? JSONValue.quote(value) : value
    }
}
