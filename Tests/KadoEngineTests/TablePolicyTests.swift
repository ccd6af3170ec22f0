import Foundation
import Testing

@testable import KadoEngine

@Suite("Tenants stay in their own tables")
struct TablePolicyTests {
    let tenant = "rules/sayakaya/tenant.yaml"

    @Test(
        "a system catalog or one of kado's tables is refused at the table value",
        arguments: [
            "pg_catalog.pg_authid", "pg_authid", "information_schema.tables", "notifications", "kado_runs",
            "public.promos",
        ])
    func forbidden(table: String) throws {
        let edited = try EditedConfig(Edit(tenant, replacing: "table: users", with: "table: \(table)"))
        expectError(edited.result, try edited.error(tenant, at: table, "'\(table)'"))
    }

    @Test("an operator's allow-list restricts each tenant; a violation is reported at file:line:col")
    func allowList() throws {
        let fixture = try ConfigFixture()
        let list = fixture.directory.appending(path: "tenant-tables.yaml")
        try "sayakaya: [users]\nlunaria: [crm.members]\n".write(to: list, atomically: true, encoding: .utf8)
        let (policy, problems) = TablePolicy.load(file: list.path)
        #expect(problems.isEmpty)
        let result = ConfigLoader(
            rulesDirectory: fixture.rules.path, templatesDirectory: fixture.templates.path,
            environment: [:], tablePolicy: try #require(policy)
        ).load()
        let errors = result.errors
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.mark.file.hasSuffix("rules/lunaria/tenant.yaml"))
        let value = try fixture.position(of: "table: members", in: "rules/lunaria/tenant.yaml", offset: 7)
        #expect(error.mark.line == value.line && error.mark.column == value.column)
        #expect(error.message.contains("'members' is not allowed for tenant 'lunaria'"))
        #expect(error.message.contains("allowed: crm.members"))
    }

    @Test("a broken allow-list file is itself reported at file:line:col")
    func brokenList() throws {
        let fixture = try ConfigFixture()
        let list = fixture.directory.appending(path: "tenant-tables.yaml")
        try "sayakaya: users\nlunaria: [\"no such\"]\n".write(to: list, atomically: true, encoding: .utf8)
        let (policy, problems) = TablePolicy.load(file: list.path)
        #expect(policy == nil)
        #expect(problems.map { "\($0.mark.line):\($0.mark.column)" } == ["1:11", "2:11"])
    }
}
