import ArgumentParser
import Foundation
import KadoEngine

/// `--rules` and `--templates`, shared by every command that reads config.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Rules directory (env KADO_RULES).", valueName: "dir"))
    var rules: String = ProcessInfo.processInfo.environment["KADO_RULES"] ?? "rules"

    @Option(name: .long, help: ArgumentHelp("Templates directory (env KADO_TEMPLATES).", valueName: "dir"))
    var templates: String = ProcessInfo.processInfo.environment["KADO_TEMPLATES"] ?? "templates"

    /// Loads the configuration; prints every diagnostic and fails when it is not valid.
    func load() throws -> Configuration {
        let result = loader.load()
        for diagnostic in result.diagnostics {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        }
        guard let configuration = result.configuration else {
            throw CLIError("configuration is not valid (\(result.errors.count) errors); run `kado validate`")
        }
        return configuration
    }

    var loader: ConfigLoader {
        ConfigLoader(
            rulesDirectory: rules, templatesDirectory: templates,
            environment: ProcessInfo.processInfo.environment)
    }
}

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
