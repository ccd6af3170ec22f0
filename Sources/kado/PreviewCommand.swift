import ArgumentParser
import Foundation
import KadoEngine
import KadoPostgres

struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show exactly what a customer would get, without writing or sending anything.",
        discussion: """
            Renders through the dispatcher's own code path. With --user, the user is read from the tenant's audience source and, when the rule already ran for --date, their real code and the issued terms are shown, with the Message-ID of their outbox row; when it has not run, the code is a sample (noted on stderr). A user outside the rule's audience is an error that says why (not verified, birthday not on that date, ...). --locale must be a locale the template has (the error lists them).

            Formats: text (an email's headers and text body, or the WhatsApp or SMS text), html (the email's HTML body), eml (the email as sent over SMTP), txt (the SMS file the file outbox writes), json (the JSON the channel's provider receives: the WhatsApp Cloud API request, the Mailtrap body, the webhook event), request (exactly what the channel's provider receives, whatever its format).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, html, eml, json, txt, request }

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Tenant id.") var tenant: String
    @Option(help: "Rule id.") var rule: String
    @Option(help: "Channel name (e.g. email, whatsapp).") var channel: String
    @Option(help: "A user id from the tenant's audience source (reads the database).") var user: Int?
    @Flag(
        help:
            "A made-up sample user (no database needed): the tenant's first in templates/<tenant>/samples.yaml, else a built-in one for its locale."
    ) var sample = false
    @Option(help: ArgumentHelp("The sample user with this name (implies --sample).", valueName: "name"))
    var sampleName: String?
    @Option(
        help: ArgumentHelp(
            "Occurrence date YYYY-MM-DD (default: today in the tenant's zone).", valueName: "date"))
    var date: String?
    @Option(help: "Render the template's variant for this locale instead of the user's.") var locale: String?
    @Option(help: "text, html, eml, json, txt or request.") var format: Format = .text
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out:
        String?

    func validate() throws {
        guard (user != nil) != (sample || sampleName != nil) else {
            throw ValidationError("give exactly one of --user ID or --sample [--sample-name NAME]")
        }
        if let date, LocalDate(date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
    }

    func run() async throws {
        try await reportingErrors {
            let configuration = try config.load()
            guard let t = configuration.tenant(tenant) else { throw CLIError("unknown tenant '\(tenant)'") }
            guard let r = t.rules.first(where: { $0.id == rule }) else {
                throw CLIError("unknown rule '\(rule)' in tenant '\(tenant)'")
            }
            guard let c = t.config.channels[channel] else {
                throw CLIError(
                    "unknown channel '\(channel)' (tenant '\(tenant)' has: \(t.config.channels.keys.sorted().joined(separator: ", ")))"
                )
            }
            let day = date.flatMap { LocalDate($0) } ?? t.config.clock.localDate(at: Date())
            let preview = Preview(tenant: t, rule: r, channel: c, date: day, locale: locale)
            let renderer = try MessageRenderer(configuration: configuration)

            let subject: Preview.Subject
            if let user {
                let connection = try await database.connect()
                subject = try await connection.perform { conn in
                    try conn.transaction { tx in
                        try tx.execute("SET TRANSACTION READ ONLY")
                        return try preview.subject(forUser: user, connection: tx)
                    }
                }
            } else {
                guard let chosen = t.sample(named: sampleName) else {
                    throw CLIError(
                        Preview.Problem.noSample(
                            sampleName ?? "", tenant: tenant, available: t.samples.map(\.name)
                        ).description)
                }
                subject = preview.subject(for: chosen)
            }
            switch subject.standing {
            case .sample(let chosen):
                note(
                    "sample user \(chosen.name)\(chosen.locale.map { " (\($0))" } ?? "")\(chosen.isBuiltIn ? ", built in" : ""); the code is a sample and the terms are the rule's as it reads now"
                )
            case .issued(outboxRow: false):
                note(
                    "user \(user ?? 0) got the promo \(tenant)/\(rule) issued on \(day), but no \(channel) message was written for them (no address when it was issued)"
                )
            case .issued(outboxRow: true):
                break
            case .notIssuedYet:
                note(
                    "no promo issued for \(tenant)/\(rule) on \(day) yet; user \(user ?? 0) is in its audience; the terms are the rule's as it reads now and the code is a sample"
                )
            case .notInAudience:
                break
            }
            let message: OutgoingMessage
            do {
                message = try preview.message(for: subject, renderer: renderer)
            } catch let problem as Preview.Problem {
                throw CLIError(problem.description)
            }
            let output = try PreviewOutput.render(message, channel: c, format: format)
            if let out {
                try output.write(to: URL(fileURLWithPath: out))
            } else {
                FileHandle.standardOutput.write(output)
            }
        }
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data("note: \(text)\n".utf8))
    }
}
