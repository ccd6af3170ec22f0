import Foundation

extension ChannelFake {
    /// Whether `python3` runs; the HTTP and MIME tests need it.
    static let pythonAvailable = succeeds(["-c", "import sys, email, json"])

    /// Whether `python3` can import aiosmtpd; the SMTP tests need it.
    static let aiosmtpdAvailable = succeeds(["-c", "import aiosmtpd"])

    private static func succeeds(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
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
