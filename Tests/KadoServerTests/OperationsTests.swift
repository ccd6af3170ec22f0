import Foundation
import KadoEngine
import KadoPostgres
import KadoTestSupport
import Testing

@Suite(
    "HTTP API: probes, metrics and the OpenAPI document", .tags(.database),
    .enabled(if: TestDatabase.isAvailable))
struct OperationsTests {
    typealias F = ServerFixture

    @Test(
        "healthz 200; readyz 200 with the configuration; readyz 503 with the reason when the database is away"
    )
    func probes() async throws {
        let f = try await ServerFixture.start()
        let health = try await f.client.send("GET", "/healthz")
        #expect(health.status == 200 && health.json["status"] as? String == "ok")
        let ready = try await f.client.send("GET", "/readyz")
        #expect(ready.status == 200, "\(ready.text)")
        #expect((ready.json["config"] as? [String: Any])?["tenants"] as? Int == 2)
        await f.stop()

        let closed = try #require(ClosedPort.make())
        let away = try await ServerFixture.start(
            database: PostgresConfiguration(
                url: "postgresql://postgres@127.0.0.1:\(closed)/postgres?connect_timeout=2"))
        #expect(try await away.client.send("GET", "/healthz").status == 200)
        let notReady = try await away.client.send("GET", "/readyz")
        #expect(notReady.status == 503)
        #expect(notReady.code == "not_ready")
        #expect((notReady.json["detail"] as? String)?.contains("database") == true, "\(notReady.text)")
        #expect(notReady.headers["Retry-After"] != nil)
        // A redemption with the database away: 503, not 500.
        let redeem = try await away.client.send(
            "POST", "/v1/tenants/sayakaya/redemptions", key: F.sayakayaKey, json: F.body("BDAY-X", user: 1))
        #expect(redeem.status == 503 && redeem.code == "unavailable", "\(redeem.text)")
        await away.stop()
    }

    @Test("metrics: the kado_* names in the Prometheus text format; a redemption is counted")
    func metrics() async throws {
        let f = try await RedemptionAPITests.issued()
        let before = try await f.client.send("GET", "/metrics")
        #expect(before.status == 200)
        #expect(before.contentType.hasPrefix("text/plain"))
        for name in [
            "kado_messages_total", "kado_evaluations_total", "kado_outbox_due", "kado_send_seconds_bucket",
            "kado_redemptions_total",
        ] {
            #expect(before.text.contains("\n\(name){") || before.text.hasPrefix("\(name){"), "\(name)")
        }
        #expect(before.text.contains("# TYPE kado_send_seconds histogram"))
        // Outbox rows issued for sayakaya are due now.
        let emails = try await f.count(
            "SELECT count(*) FROM notifications WHERE tenant_id = 'sayakaya' AND channel = 'email'")
        #expect(emails > 0)
        #expect(before.text.contains("kado_outbox_due{tenant=\"sayakaya\",channel=\"email\"} \(emails)"))
        let label = "kado_redemptions_total{tenant=\"sayakaya\",result=\"claimed\"} "
        let count = { (text: String) -> Int in
            text.split(separator: "\n").first { $0.hasPrefix(label) }.flatMap {
                Int($0.dropFirst(label.count))
            } ?? -1
        }
        let code = try await f.code("sayakaya", user: 1)
        #expect(
            try await f.client.send(
                "POST", "/v1/tenants/sayakaya/redemptions", key: F.sayakayaKey, json: F.body(code, user: 1)
            ).status == 201)
        let after = try await f.client.send("GET", "/metrics")
        // Other suites redeem in parallel in this process: at least this one more.
        #expect(count(after.text) >= count(before.text) + 1)
        #expect(count(before.text) >= 0)
        await f.stop()
    }

    @Test("GET /openapi.yaml is the repository's openapi.yaml (and `make openapi` is up to date)")
    func openAPI() async throws {
        let f = try await ServerFixture.start()
        let served = try await f.client.send("GET", "/openapi.yaml")
        #expect(served.status == 200)
        #expect(served.contentType.hasPrefix("application/yaml"))
        let file = try String(contentsOf: RepositoryRoot.appending("openapi.yaml"), encoding: .utf8)
        #expect(served.text == file, "run `make openapi`")
        #expect(file.hasPrefix("openapi: 3.1"))
        // Every path the server answers is in the document.
        for path in [
            "/v1/tenants/{tenant}/validations:", "/v1/tenants/{tenant}/redemptions:", "/u/{token}:",
            "/healthz:", "/readyz:", "/metrics:", "/openapi.yaml:",
        ] {
            #expect(file.contains("\n  \(path)\n"), "\(path)")
        }
        await f.stop()
    }
}
