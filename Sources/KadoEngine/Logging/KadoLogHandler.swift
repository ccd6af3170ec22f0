import Foundation
import Logging

/// One line per event: `time level message key=value ...`, or one JSON object
/// per line for log shippers. Secrets never reach the log: only ids and counts
/// are logged as metadata.
///
/// In JSON, metadata keeps its type: `.stringConvertible(87)` (an integer, a floating-point
/// number or a Bool) is a JSON number or boolean, `.string` a string, `.array` and
/// `.dictionary` JSON arrays and objects.
package struct KadoLogHandler: LogHandler {
    package enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    /// Writes one rendered line, newline included.
    package typealias Output = @Sendable (String) -> Void

    /// Standard error, where kado logs.
    package static let standardError: Output = { FileHandle.standardError.write(Data($0.utf8)) }

    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level
    let label: String
    let format: Format
    let output: Output

    /// A handler writing `format` lines to `output` (standard error unless told otherwise).
    package init(
        label: String, format: Format, level: Logger.Level = .info, output: @escaping Output = standardError
    ) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.output = output
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
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
                object.append((key, Self.json(value)))
            }
            line = JSONValue.object(object).rendered(indent: 0)
        }
        output(line + "\n")
    }

    /// The JSON form of a metadata value, keeping numbers, booleans, arrays and objects.
    static func json(_ value: Logger.MetadataValue) -> JSONValue {
        switch value {
        case .string(let string):
            return .string(string)
        case .stringConvertible(let convertible):
            return json(convertible)
        case .array(let items):
            return .array(items.map { json($0) })
        case .dictionary(let dictionary):
            return .object(dictionary.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
        }
    }

    /// Bools and numbers as themselves; anything else (and numbers JSON cannot hold: NaN,
    /// infinities, integers beyond `Int`) as its description.
    private static func json(_ convertible: any CustomStringConvertible & Sendable) -> JSONValue {
        switch convertible {
        case let bool as Bool:
            return .bool(bool)
        case let integer as any BinaryInteger:
            return Int(exactly: integer).map { .int($0) } ?? .string(convertible.description)
        case let number as any BinaryFloatingPoint:
            // The shortest decimal that reads back as the value, also for Float.
            guard number.isFinite, let double = Double(convertible.description) else {
                return .string(convertible.description)
            }
            return .double(double)
        default:
            return .string(convertible.description)
        }
    }

    static func quoteIfNeeded(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) ? JSONValue.quote(value) : value
    }
}
