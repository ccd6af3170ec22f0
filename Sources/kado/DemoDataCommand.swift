import ArgumentParser
import Foundation
import KadoEngine
import KadoPostgres

struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Insert deterministic demo or benchmark users into a tenant's audience source.",
        discussion: """
            Users are generated inside PostgreSQL with generate_series (10 million in well under a minute). User N is always the same person, so runs are repeatable. --birthday-today-every K gives every K-th user a birthday on today's date in the tenant's zone (or --date). Declared attributes (audience.attributes) are filled by type; date attributes spread over the 15 years before the date, and with K the users after each K-th one get their 1st to 12th anniversary on it. A zone column (audience.columns.timezone) gets the zones of the tenant's country: for Indonesia mostly Asia/Jakarta (WIB), some Asia/Makassar (WITA) and Asia/Jayapura (WIT), and 1 in 20 NULL (the tenant's zone).
            """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Tenant whose audience source receives the users.") var tenant: String
    @Option(help: "How many users.") var users: Int = 1000
    @Option(help: "Id of the first user (ids are consecutive).") var firstId: Int = 1
    @Option(help: "Every K-th user has a birthday on the date (0: none on purpose).") var birthdayTodayEvery:
        Int = 0
    @Option(
        help: ArgumentHelp(
            "The date for --birthday-today-every (default: today in the tenant's zone).", valueName: "date"))
    var date: String?

    func validate() throws {
        guard users > 0 else { throw ValidationError("--users must be positive") }
        guard birthdayTodayEvery >= 0 else {
            throw ValidationError("--birthday-today-every must be 0 or more")
        }
        if let date, LocalDate(date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
    }

    func run() async throws {
        try await reportingErrors {
            let configuration = try config.load()
            guard let t = configuration.tenant(tenant)?.config else {
                throw CLIError("unknown tenant '\(tenant)'")
            }
            let day = date.flatMap { LocalDate($0) } ?? t.clock.localDate(at: Date())
            let demo = DemoData(
                tenant: t, users: users, firstID: firstId, birthdayEvery: birthdayTodayEvery, birthdayOn: day)
            let started = ContinuousClock.now
            let connection = try await database.connect()
            for ids in demo.chunks() {
                try await connection.perform { c in try demo.insert(ids, connection: c) }
                if ids.upperBound < demo.firstID + demo.users - 1 {
                    print("  \(ids.upperBound - demo.firstID + 1) users...")
                }
            }
            try await connection.perform { c in try demo.finish(connection: c) }
            print(
                "inserted \(users) users into \(t.audience.table) for \(t.id) in \(ContinuousClock.now - started)"
            )
        }
    }
}
