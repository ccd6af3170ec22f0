import ArgumentParser
import Foundation
import KadoEngine
import KadoMigrations
import KadoPostgres

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the database against the configuration: schema, audience sources, indexes.",
        discussion: """
            Checks that the schema is at the newest migration this kado knows: none pending, not dirty, not migrated by a newer kado.

            For every tenant, checks that each declared attribute (audience.attributes) names a column of the audience source whose type fits the declared type.

            For every enabled rule, runs its audience query with LIMIT 0 (the table and columns exist) on the next date its trigger fires, and asks the planner for a plan without sequential scans: a plan that still scans the table means no usable index, and doctor prints the CREATE INDEX the trigger needs. A date trigger reads the whole audience on its dates and needs none.

            Exit status 1 when something is broken, 0 otherwise (warnings included).
            """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this tenant.") var tenant: String?

    func run() async throws {
        try await reportingErrors {
            let configuration = try config.load()
            let connection = try await database.connect()
            let migrated = try await connection.perform { c in
                try c.query("SELECT to_regclass('kado_runs') IS NOT NULL").first?.decode(Bool.self, at: 0)
                    ?? false
            }
            guard migrated else { throw CLIError("the database has no kado schema: run `kado migrate up`") }
            var broken = 0
            let migrator = Migrator(source: KadoMigrations.source)
            let schema = try await connection.perform { c in try migrator.status(on: c) }
            if let refusal = migrator.refusal(for: schema) {
                broken += 1
                print("error    schema: \(refusal.message)")
            } else if !schema.pending.isEmpty {
                broken += 1
                let names = schema.pending.map(\.description).joined(separator: ", ")
                print(
                    "error    schema: at version \(schema.currentVersion.map(String.init) ?? "none"), pending \(names): run `kado migrate up`"
                )
            } else {
                print(
                    "ok       schema: version \(schema.currentVersion.map(String.init) ?? "none"), up to date"
                )
            }
            for t in configuration.tenants where tenant == nil || t.config.id == tenant {
                let attributes = AttributeCheck(tenant: t.config)
                for finding in try await connection.perform({ c in try attributes.run(connection: c) }) {
                    let label = "\(t.config.id) attribute \(finding.attribute)"
                    if let problem = finding.problem {
                        broken += 1
                        print("error    \(label): \(problem)")
                    } else {
                        print("ok       \(label): column \(finding.column), \(finding.columnType ?? "")")
                    }
                }
                for rule in t.rules where rule.enabled {
                    let check = AudienceCheck(tenant: t.config, rule: rule)
                    let day = t.config.clock.localDate(at: Date())
                    let label = "\(t.config.id)/\(rule.id) (audience \(t.config.audience.table))"
                    switch try await check.run(on: day, connection: connection) {
                    case .ok(let plan):
                        print("ok       \(label): \(plan.trimmingCharacters(in: .whitespaces))")
                    case .wholeAudience(let plan):
                        print(
                            "ok       \(label): reads the whole audience on its dates, no index needed: \(plan.trimmingCharacters(in: .whitespaces))"
                        )
                    case .noIndex(let suggestion):
                        print("warning  \(label): no usable index, each run scans the whole table")
                        if let suggestion { print("         fix: \(suggestion)") }
                    case .broken(let message):
                        broken += 1
                        print("error    \(label): audience query fails: \(message)")
                    }
                }
            }
            if broken > 0 { throw ExitCode(1) }
        }
    }
}
