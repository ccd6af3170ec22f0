import ArgumentParser
import Foundation
import KadoEngine

/// `--rules` and `--templates`, shared by every command that reads config.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Rules directory (env KADO_RULES).", valueName: "dir"))
    var rules: String = ProcessInfo.processInfo.environment["KADO_RULES"] ?? "rules"

    @Option(name: .long, help: ArgumentHelp("Templates directory (env KADO_TEMPLATES).", valueName: "dir"))
    var templates: String = ProcessInfo.processInfo.environment["KADO_TEMPLATES"] ?? "templates"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Operator's allow-list of the tables each tenant's audience may name, a YAML file of tenant: [tables] kept outside the tenants' folders (env KADO_TENANT_TABLES).",
            valueName: "file"))
    var tenantTables: String = ProcessInfo.processInfo.environment["KADO_TENANT_TABLES"] ?? ""

    /// Loads the configuration; prints every diagnostic and fails when it is not valid.
    func load() throws -> Configuration {
        let result = try checkedLoader().load()
        for diagnostic in result.diagnostics {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        }
        guard let configuration = result.configuration else {
            let count = result.errors.count
            let noun = count == 1 ? "error" : "errors"
            throw CLIError("configuration is not valid (\(count) \(noun)); run `kado validate`")
        }
        return configuration
    }

    /// The loader, with the tenant tables allow-list read (its problems printed; an
    /// unreadable or invalid list is an error).
    func checkedLoader() throws -> ConfigLoader {
        var policy = TablePolicy()
        if !tenantTables.isEmpty {
            let (loaded, problems) = TablePolicy.load(file: tenantTables)
            for problem in problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            guard let loaded else { throw CLIError("the tenant tables file \(tenantTables) is not valid") }
            policy = loaded
        }
        return ConfigLoader(
            rulesDirectory: rules, templatesDirectory: templates,
            environment: ProcessInfo.processInfo.environment, tablePolicy: policy)
    }
}

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
