import ArgumentParser

@main
struct Kado: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kado",
        abstract: "Scheduled promo campaigns: YAML rules in, promos and messages out.",
        discussion: """
            Marketing edits rules/<tenant>/*.yaml and templates/<tenant>/*.yaml; kado checks them (validate), and issues promos and messages on each tenant's own clock.
            """,
        version: "kado \(KadoVersion.number)",
        subcommands: [
            ValidateCommand.self,
            SchemaCommand.self,
            MigrateCommand.self,
            EvaluateCommand.self,
            DemoDataCommand.self,
            DoctorCommand.self,
            DispatchCommand.self,
            PreviewCommand.self,
            RunCommand.self,
            StatusCommand.self,
            OutboxCommand.self,
            ServeCommand.self,
            SuppressionsCommand.self,
            StudioCommand.self,
        ])
}
