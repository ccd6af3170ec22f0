import ArgumentParser
import Foundation
import KadoEngine

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of tenant, rule, template and samples files, for editors.",
        discussion: """
            Without --kind, prints one schema that accepts any of the four files. With --out-dir, writes tenant.schema.json, rule.schema.json, template.schema.json and samples.schema.json there (the repository keeps them in schema/ for the yaml-language-server modeline).
            """)

    @Option(help: "Which file kind: tenant, rule, template or samples.")
    var kind: ConfigFileKind?

    @Option(help: ArgumentHelp("Write one schema file per kind into this directory.", valueName: "dir"))
    var outDir: String?

    func run() throws {
        if let outDir {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            for kind in ConfigFileKind.allCases {
                let path = outDir + "/\(kind.rawValue).schema.json"
                try (ConfigJSONSchema.document(for: kind).rendered() + "\n").write(
                    toFile: path, atomically: true, encoding: .utf8)
                print("wrote \(path)")
            }
            return
        }
        if let kind {
            print(ConfigJSONSchema.document(for: kind).rendered())
        } else {
            print(ConfigJSONSchema.combined.rendered())
        }
    }
}

extension ConfigFileKind: ExpressibleByArgument {}
