import Foundation

/// Launching `scripts/fakes/smtp_server.py` for a test and reading what it received.
extension FakeServer {
    /// Starts the SMTP fake writing messages into `mail/` in its directory, with extra
    /// options (see the script's header).
    public static func smtpServer(_ options: [String] = []) async throws -> FakeServer {
        try await launch("smtp_server.py", ["--dir", "{dir}/mail"] + options)
    }

    /// The bytes of the n-th received message (1-based).
    public func receivedMessage(_ number: Int) throws -> [UInt8] {
        Array(try Data(contentsOf: file("mail/\(number).eml")))
    }

    /// The envelope of the n-th received message (1-based).
    public func receivedEnvelope(_ number: Int) throws -> FakeEnvelope {
        try JSONDecoder().decode(FakeEnvelope.self, from: Data(contentsOf: file("mail/\(number).json")))
    }

    /// How many messages arrived.
    public func receivedCount() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: file("mail").path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.count
    }
}
