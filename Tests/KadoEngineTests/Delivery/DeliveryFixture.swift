import Foundation
import KadoCurl
import KadoPostgres
import KadoTestSupport

@testable import KadoEngine

/// A database with issued messages and a configuration whose channels send through
/// scripted providers: what the dispatcher's and daemon's tests start from.
struct DeliveryFixture {
    let db: TestDatabase
    let connection: PostgresConnection
    var configuration: Configuration
    let email: ProviderScript
    let whatsapp: ProviderScript
    /// The occurrence issued: ten days ahead in Jakarta (eleven instead of a 12-12), so its promo is valid.
    let date: LocalDate
    let transport: DeliveryTransport

    /// Issues sayakaya's birthday promo for `users` users born on `date` (every one has
    /// an email address and a phone number), with rate limits as given, every message due
    /// when issued (``ShippedConfig/dueAtOnce``).
    static func make(users: Int = 30, emailRate: Double? = nil, whatsappRate: Double? = nil) async throws
        -> DeliveryFixture
    {
        let db = try await TestDatabase.make()
        let connection = try await db.connect()
        var configuration = ShippedConfig.dueAtOnce
        let tenant = configuration.tenant("sayakaya")!
        // Ten days ahead, but never 12-12: sayakaya's harbolnas fires then too, and a daemon
        // test would see its promo and messages beside the birthday's.
        let ahead = tenant.config.clock.localDate(at: Date().addingTimeInterval(10 * 86400))
        let date = ahead.month == 12 && ahead.day == 12 ? ahead.adding(days: 1) : ahead
        try await connection.perform { c in
            try c.query(
                """
                INSERT INTO users (id, name, email, phone_number, birthday, verified_status)
                SELECT g, 'User ' || g, 'user' || g || '@example.com', '+62812' || lpad(g::text, 7, '0'),
                       ($2::date - interval '30 years')::date, true
                  FROM generate_series(1, $1::int) g
                """, [users, date.description])
        }
        let email = ProviderScript()
        let whatsapp = ProviderScript()
        for index in configuration.tenants.indices {
            for name in Array(configuration.tenants[index].config.channels.keys) {
                let script = name == "email" ? email : whatsapp
                configuration.tenants[index].config.channels[name]?.provider = ScriptedProvider(
                    script: script)
                configuration.tenants[index].config.channels[name]?.rateLimit =
                    name == "email" ? emailRate : whatsappRate
            }
        }
        let fixture = DeliveryFixture(
            db: db, connection: connection, configuration: configuration, email: email, whatsapp: whatsapp,
            date: date,
            transport: try DeliveryTransport(curl: CurlClient()))
        return fixture
    }

    private init(
        db: TestDatabase, connection: PostgresConnection, configuration: Configuration, email: ProviderScript,
        whatsapp: ProviderScript, date: LocalDate, transport: DeliveryTransport
    ) {
        self.db = db
        self.connection = connection
        self.configuration = configuration
        self.email = email
        self.whatsapp = whatsapp
        self.date = date
        self.transport = transport
    }

    var tenant: Configuration.Tenant { configuration.tenant("sayakaya")! }
    var rule: RuleConfig { tenant.rules.first { $0.id == "birthday" }! }

    /// Evaluates the birthday rule for `date`.
    @discardableResult
    func issue() async throws -> EvaluationResult {
        try await Evaluator(tenant: tenant.config, rule: rule).evaluate(on: date, connection: connection)
    }

    /// A dispatcher on its own connections.
    func dispatcher(_ options: Dispatcher.Options = .init(concurrency: 4, batchSize: 50)) throws -> Dispatcher
    {
        Dispatcher(
            configuration: configuration, renderer: try MessageRenderer(configuration: configuration),
            transport: transport, claims: db.database(), records: db.database(), options: options)
    }

    /// Rows by status.
    func statuses(channel: String? = nil) async throws -> [String: Int] {
        try await connection.perform { c in
            var out: [String: Int] = [:]
            for row in try c.query(
                "SELECT status, count(*) FROM notifications WHERE $1::text IS NULL OR channel = $1 GROUP BY 1",
                [channel])
            {
                let (s, n) = try row.decode((String, Int).self)
                out[s] = n
            }
            return out
        }
    }

    func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> Int {
        try await connection.perform { c in try c.count(sql, parameters) }
    }
}
