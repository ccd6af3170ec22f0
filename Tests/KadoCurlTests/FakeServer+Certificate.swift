import Foundation
import KadoTestSupport

/// A certificate for the TLS tests against `scripts/fakes/smtp_server.py`.
extension FakeServer {
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

    /// The SMTP fake offering TLS (STARTTLS, or from the first byte with `--implicit-tls`
    /// in `options`) with a fresh self-signed certificate, removed once the server has
    /// loaded it.
    static func tlsSMTPServer(_ options: [String] = []) async throws -> FakeServer {
        let (certificate, key, directory) = try await makeCertificate()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await smtpServer(["--tls-cert", certificate, "--tls-key", key] + options)
    }
}
