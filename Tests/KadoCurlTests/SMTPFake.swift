import Foundation

/// The envelope `scripts/fakes/smtp_server.py` writes beside each message.
struct FakeEnvelope: Decodable {
    let mail_from: String
    let rcpt_tos: [String]
    let auth_user: String?
    let queue_id: String
}

/// Launching `scripts/fakes/smtp_server.py` for a test.
extension FakeServer {
    /// Starts the SMTP fake writing messages into its directory, with extra options.
    static func smtpServer(_ options: [String] = []) async throws -> FakeServer {
        try await launch("smtp_server.py", ["--dir", "{dir}/mail"] + options)
    }

    /// `smtp://127.0.0.1:<port>`.
    var smtpURL: String {
        "smtp://127.0.0.1:\(port)"
    }

    /// The bytes of the n-th received message (1-based).
    func receivedMessage(_ number: Int) throws -> [UInt8] {
        Array(try Data(contentsOf: file("mail/\(number).eml")))
    }

    /// The envelope of the n-th received message (1-based).
    func receivedEnvelope(_ number: Int) throws -> FakeEnvelope {
        try JSONDecoder().decode(FakeEnvelope.self, from: Data(contentsOf: file("mail/\(number).json")))
    }

    /// How many messages arrived.
    func receivedCount() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: file("mail").path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.count
    }

    /// A self-signed certificate and key for 127.0.0.1 in a fresh temporary directory,
    /// made with the `openssl` tool.
    /// The caller removes `directory` when done.
    static func makeCertificate() async throws -> (certificate: String, key: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kado-curl-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-keyout", key, "-out", certificate,
        ]
        let ok = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: succeeds("openssl", arguments))
            }
        }
        guard ok else { throw FakeServerError(message: "openssl could not make a certificate") }
        return (certificate, key, directory)
    }
}
