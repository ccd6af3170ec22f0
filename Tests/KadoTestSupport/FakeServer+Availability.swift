import Foundation

/// Whether the tools the fakes need are installed, for `.enabled(if:)` on suites and
/// tests. Each check runs once per test process.
extension FakeServer {
    /// False under `make test-unit` (`KADO_TEST_NO_FAKES=1`): suites tagged `.fakes` stay off.
    public static let fakesWanted = ProcessInfo.processInfo.environment["KADO_TEST_NO_FAKES"] == nil

    /// Whether `python3` runs with the standard modules the fakes and the message
    /// parser use (`sys`, `email`, `json`); the HTTP stub and the MIME tests need it.
    public static let pythonAvailable = fakesWanted && succeeds("python3", ["-c", "import sys, email, json"])

    /// Whether `python3` can import aiosmtpd (`pip install aiosmtpd`); the SMTP fake
    /// needs it.
    public static let aiosmtpdAvailable = fakesWanted && succeeds("python3", ["-c", "import aiosmtpd"])

    /// Whether the `openssl` tool runs; TLS tests make a certificate with it.
    public static let opensslAvailable = fakesWanted && succeeds("openssl", ["version"])

    /// Runs `tool` with `arguments` through `/usr/bin/env`, its output discarded, and
    /// reports whether it exited with status 0. Blocks until the tool ends.
    public static func succeeds(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
