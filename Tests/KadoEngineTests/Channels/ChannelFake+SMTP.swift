import Foundation

/// The envelope `scripts/fakes/smtp_server.py` writes beside each message.
struct ChannelFakeEnvelope: Decodable {
    let mail_from: String
    let rcpt_tos: [String]
    let auth_user: String?
}

/// Launching `scripts/fakes/smtp_server.py` for a channel test.
extension ChannelFake {
    /// Starts the SMTP fake writing messages into its directory, with extra options.
    static func smtpServer(_ options: [String] = []) async throws -> ChannelFake {
        try await launch("smtp_server.py", ["--dir", "{dir}/mail"] + options)
    }

    /// The bytes of the n-th received message (1-based).
    func receivedMessage(_ number: Int) throws -> [UInt8] {
        Array(try Data(contentsOf: file("mail/\(number).eml")))
    }

    /// The envelope of the n-th received message (1-based).
    func receivedEnvelope(_ number: Int) throws -> ChannelFakeEnvelope {
        try JSONDecoder().decode(
            ChannelFakeEnvelope.self, from: Data(contentsOf: file("mail/\(number).json")))
    }

    /// How many messages arrived.
    func receivedCount() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: file("mail").path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.count
    }

    /// A 127.0.0.1 TCP port that nothing listens on: bound to get a free number from
    /// the OS, then closed again.
    static func closedPort() -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
