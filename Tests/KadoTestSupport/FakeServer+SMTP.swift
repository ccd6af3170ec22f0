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

    /// Returns once a `--silent-after-data` server holds `count` message bodies without
    /// answering them (the client is then waiting for the final reply), or throws after
    /// `timeout`.
    public func waitForHeldMessages(_ count: Int = 1, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !FileManager.default.fileExists(atPath: file("mail/\(count).held").path) {
            guard ContinuousClock.now < deadline else {
                throw FakeServerError(message: "the server held fewer than \(count) bodies within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Every command the server received, in order: the connection's number (1 for the
    /// first) and the verb (`MAIL`, `RCPT`, `DATA`, `RSET`, `QUIT`...).
    public func receivedCommands() -> [(session: Int, verb: String)] {
        let text = (try? String(contentsOf: file("mail/commands.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let session = Int(parts[0]) else { return nil }
            return (session, String(parts[1]))
        }
    }
}
