import ArgumentParser
import Foundation
import KadoEngine
import KadoPostgres
import KadoStudio
import Logging

struct StudioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio",
        abstract: "A live local web page of every rule and every message, for editing the YAML.",
        discussion: """
            Open the printed address in a browser. The index lists every tenant and rule with its state (valid, or its errors), its trigger in words, its next fire times in the tenant's zone and in UTC and, with a database, whom its next occurrence reaches. A rule's page shows every message it sends, per channel and per locale of its template: the email's From, To, Subject and Message-ID, its HTML body as the customer sees it (in a sandboxed frame), its text part, WhatsApp as a chat bubble with its template and parameters, and the exact bytes to download (.eml as sent over SMTP, the provider's JSON). Previews are for a sample customer (templates/<tenant>/samples.yaml, or built in for the tenant's locale) or, with a database, a real user by id, with their issued code, or why they are not in the audience.

            The page follows rules/ and templates/ and updates within a second or two of a save; when the files have errors it lists them (file:line:col, the source line, a caret under the column) beside the last configuration that loaded.

            Read-only: the studio never writes the database (it reads in READ ONLY transactions) and never sends. The database is used when --database-url, DATABASE_URL, DB_HOST/DB_DATABASE or PGHOST/PGDATABASE is set, unless --no-database.
            """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Option(
        help: ArgumentHelp(
            "Address to listen on: HOST:PORT, [IPV6]:PORT or :PORT (port 0: any free one).",
            valueName: "address"))
    var listen: String = ListenAddress.standard.description
    @Flag(help: "Do not use a database even when one is configured (samples only).") var noDatabase = false
    @Option(help: "Log format: text or json (env KADO_LOG_FORMAT).")
    var logFormat: String = ProcessInfo.processInfo.environment["KADO_LOG_FORMAT"] ?? "text"

    func validate() throws {
        do {
            _ = try ListenAddress(parsing: listen)
        } catch {
            throw ValidationError("--listen: \(error)")
        }
        guard KadoLogHandler.Format(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format must be text or json")
        }
    }

    /// Whether the environment or the options name a database (libpq's defaults alone do not).
    var databaseConfigured: Bool {
        guard !noDatabase else { return false }
        if database.configuration.source != .libpqDefaults { return true }
        let environment = ProcessInfo.processInfo.environment
        return ["PGHOST", "PGDATABASE", "PGSERVICE"].contains { !(environment[$0] ?? "").isEmpty }
    }

    func run() async throws {
        LogSetup.bootstrap(format: KadoLogHandler.Format(rawValue: logFormat) ?? .text)
        let logger = Logger(label: "kado.studio")
        try await reportingErrors {
            let address = try ListenAddress(parsing: listen)
            let loader = try config.checkedLoader()
            let studio = Studio(
                listen: address, loader: loader, database: databaseConfigured ? database.configuration : nil,
                logger: logger)
            let databaseNote =
                databaseConfigured
                ? "database \(database.configuration.description) (read only)"
                : "no database: samples only"
            do {
                try await studio.run { url in
                    FileHandle.standardOutput.write(
                        Data("kado studio: \(url) (\(databaseNote); Ctrl-C stops it)\n".utf8))
                }
            } catch let failure as Studio.StartFailure {
                throw CLIError(failure.description)
            }
        }
    }
}
