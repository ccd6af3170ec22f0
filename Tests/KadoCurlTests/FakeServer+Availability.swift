import Foundation

extension FakeServer {
    /// Whether `python3` runs; the HTTP tests need it.
    static let pythonAvailable = succeeds("python3", ["-c", "import sys"])

    /// Whether `python3` can import aiosmtpd (`pip install aiosmtpd`); the SMTP tests
    /// need it.
    static let aiosmtpdAvailable = succeeds("python3", ["-c", "import aiosmtpd"])

    /// Whether the `openssl` tool runs; the TLS tests make a certificate with it.
    static let opensslAvailable = succeeds("openssl", ["version"])

    /// Runs a tool through `/usr/bin/env` and reports whether it exited with 0.
    static func succeeds(_ tool: String, _ arguments: [String]) -> Bool {
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
