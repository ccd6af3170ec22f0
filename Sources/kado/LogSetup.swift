import Foundation
import KadoEngine
import Logging

/// Installs kado's log handler once per process: text lines, or JSON lines with
/// `--log-format json` / `KADO_LOG_FORMAT=json`.
enum LogSetup {
    private static let once: Void = {
        let name = ProcessInfo.processInfo.environment["KADO_LOG_FORMAT"] ?? "text"
        let format = KadoLogHandler.Format(rawValue: name) ?? .text
        LoggingSystem.bootstrap { KadoLogHandler(label: $0, format: format) }
    }()

    static func bootstrap(format: KadoLogHandler.Format? = nil) {
        if let format { setenv("KADO_LOG_FORMAT", format.rawValue, 1) }
        _ = once
    }
}
