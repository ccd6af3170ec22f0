import Foundation
import KadoCurl
import KadoEngine
import KadoPostgres
import KadoServer
import KadoTestSupport
import Logging
import ServiceLifecycle
import Testing

/// A real `kado serve` (APIServer) on 127.0.0.1 with a port the system picked, over a
/// fresh database, the shipped configuration with API keys and unsubscribe secrets
/// set, and a clock the test moves.
struct ServerFixture {
    static let sayakayaKey = "sayakaya-test-key-0123456789"
    static let lunariaKey = "lunaria-test-key-0123456789"
    static let secret = "unsubscribe-test-secret-0123456789"
    static let publicURL = "https://promo.example.com"

    let db: TestDatabase
    let connection: PostgresConnection
    let configuration: Configuration
    let holder: ConfigHolder
    let pool: DatabasePool
    let clock: SettableClock
    let client: APIClient
    let outbox: URL
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// The shipped rules and templates, with keys, public URL, secret and a file outbox in `outbox`.
    static func loader(outbox: URL) -> ConfigLoader {
        ConfigLoader(
            rulesDirectory: RepositoryRoot.appending("rules").path,
            templatesDirectory: RepositoryRoot.appending("templates").path,
            environment: [
                "KADO_OUTBOX": outbox.path, "SAYAKAYA_API_KEY": sayakayaKey, "LUNARIA_API_KEY": lunariaKey,
                "KADO_PUBLIC_URL": publicURL, "KADO_UNSUBSCRIBE_SECRET": secret,
            ])
    }

    static func configuration(outbox: URL) throws -> Configuration {
        let result = loader(outbox: outbox).load()
        guard let configuration = result.configuration else {
            throw CocoaError(
                .fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(result.diagnostics)"])
        }
        return configuration
    }

    /// Starts the server; `database` overrides the pool's database (an unreachable one).
    static func start(database override: PostgresConfiguration? = nil) async throws -> ServerFixture {
        let db = try await TestDatabase.make()
        let connection = try await db.connect()
        let outbox = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kado-http-outbox-\(UUID().uuidString)")
        let configuration = try configuration(outbox: outbox)
        let loader = Self.loader(outbox: outbox)
        let holder = try ConfigHolder(configuration: configuration, load: { loader.load() })
        let pool = DatabasePool(
            configuration: override ?? db.configuration,
            health: DatabaseHealth(logger: Logger(label: "kado.test.database")), size: 4)
        let clock = SettableClock(Date())
        let ports = AsyncStream<Int>.makeStream()
        _ = MetricsExport.registry
        let server = APIServer(
            holder: holder, database: pool, listen: ListenAddress(host: "127.0.0.1", port: 0), clock: clock,
            logger: Logger(label: "kado.test.http"), onListening: { ports.continuation.yield($0) })
        let group = ServiceGroup(
            configuration: .init(services: [server], logger: Logger(label: "kado.test.http")))
        let task = Task { try await group.run() }
        var iterator = ports.stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let client = APIClient(base: "http://127.0.0.1:\(port)", curl: try CurlClient())
        return ServerFixture(
            db: db, connection: connection, configuration: configuration, holder: holder, pool: pool,
            clock: clock,
            client: client, outbox: outbox, group: group, task: task)
    }

    private init(
        db: TestDatabase, connection: PostgresConnection, configuration: Configuration, holder: ConfigHolder,
        pool: DatabasePool, clock: SettableClock, client: APIClient, outbox: URL, group: ServiceGroup,
        task: Task<Void, any Error>
    ) {
        self.db = db
        self.connection = connection
        self.configuration = configuration
        self.holder = holder
        self.pool = pool
        self.clock = clock
        self.client = client
        self.outbox = outbox
        self.group = group
        self.task = task
    }

    /// Stops the server gracefully (as SIGTERM does) and closes everything.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        await client.curl.shutdown(gracePeriod: .seconds(1))
        await pool.close()
        await connection.close()
        try? FileManager.default.removeItem(at: outbox)
    }

    func tenant(_ id: String) -> Configuration.Tenant { configuration.tenant(id)! }

    /// Adds sayakaya users 1...`count` born on `date` (with email and phone), and
    /// lunaria members 1...`count` born on `date`, all verified.
    func addUsers(_ count: Int, bornOn date: LocalDate) async throws {
        try await connection.perform { c in
            try c.query(
                """
                INSERT INTO users (id, name, email, phone_number, birthday, verified_status)
                SELECT g, 'User ' || g, 'user' || g || '@example.com', '+62812' || lpad(g::text, 7, '0'),
                       ($2::date - interval '30 years')::date, true
                  FROM generate_series(1, $1::int) g
                """, [count, date.description])
            try c.query(
                """
                INSERT INTO members (member_id, full_name, email_address, mobile, date_of_birth, is_verified, preferred_locale)
                SELECT g, 'Lid ' || g, 'lid' || g || '@example.nl', NULL, ($2::date - interval '40 years')::date, true, 'nl-NL'
                  FROM generate_series(1, $1::int) g
                """, [count, date.description])
        }
    }

    /// Issues the tenant's birthday rule for `date`.
    @discardableResult
    func issue(_ tenantID: String, on date: LocalDate) async throws -> EvaluationResult {
        let tenant = tenant(tenantID)
        let rule = try #require(tenant.rules.first { $0.id == "birthday" || $0.id == "birthday-week" })
        let evaluator = Evaluator(tenant: tenant.config, rule: rule)
        return try await connection.perform { c in try evaluator.evaluate(on: date, connection: c) }
    }

    /// The shared code of the tenant's promo, or the user's own code.
    func code(_ tenantID: String, user: Int) async throws -> String {
        try await connection.perform { c in
            try c.query(
                """
                SELECT coalesce(e.promo_code, p.promo_code) FROM promo_eligibilities e JOIN promos p ON p.id = e.promo_id
                 WHERE p.tenant_id = $1 AND e.user_id = $2::int
                """, [tenantID, user]
            ).first?.decode(String.self, at: 0) ?? ""
        }
    }

    func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> Int {
        try await connection.perform { c in try c.count(sql, parameters) }
    }

    static func body(_ code: String, user: Int, order: Int? = nil) -> String {
        "{\"code\": \"\(code)\", \"user_id\": \(user)" + (order.map { ", \"order_amount\": \($0)" } ?? "")
            + "}"
    }
}
