import ArgumentParser
import Foundation
import KadoEngine
import KadoPostgres

struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show exactly what a customer would get, without writing or sending anything.",
        discussion: """
            Renders through the dispatcher's own code path. With --user, the user is read from the tenant's audience source and, when the rule already ran for --date, their real code is shown; otherwise the code is a freshly generated sample (noted on stderr).

            Formats: text (headers and text body, or the WhatsApp text), html (the email's HTML body), eml (the email as sent over SMTP), json (the message as a provider receives it).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, html, eml, json }

    @OptionGroup var config: ConfigOptions
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Tenant id.") var tenant: String
    @Option(help: "Rule id.") var rule: String
    @Option(help: "Channel name (e.g. email, whatsapp).") var channel: String
    @Option(help: "A user id from the tenant's audience source (reads the database).") var user: Int?
    @Flag(help: "A made-up sample user (no database needed).") var sample = false
    @Option(
        help: ArgumentHelp(
            "Occurrence date YYYY-MM-DD (default: today in the tenant's zone).", valueName: "date"))
    var date: String?
    @Option(help: "Render in this locale instead of the user's or the tenant's.") var locale: String?
    @Option(help: "text, html, eml or json.") var format: Format = .text
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out:
        String?

    func validate() throws {
        guard (user != nil) != sample else {
            throw ValidationError("give exactly one of --user ID or --sample")
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

            var recipient = Preview.sampleRecipient
            var issued: PromoStore.IssuedToUser?
            var snapshot = preview.sampleSnapshot
            if let user {
                let connection = try await database.connect()
                (recipient, issued, snapshot) = try await connection.perform { conn in
                    let issued = try preview.issued(userID: user, connection: conn)
                    return (
                        try preview.recipient(id: user, connection: conn), issued,
                        issued?.outboxID != nil
                            ? issued?.attributes ?? AttributeSnapshot()
                            : try preview.snapshot(userID: user, connection: conn)
                    )
                }
            }
            var code = issued?.code
            if issued != nil, code == nil {
                FileHandle.standardError.write(
                    Data(
                        "note: user \(user ?? 0) did not get the promo \(tenant)/\(rule) issued on \(day) (not in its audience); shown with a sample code\n"
                            .utf8))
            } else if issued == nil {
                FileHandle.standardError.write(
                    Data(
                        "note: no promo issued for \(tenant)/\(rule) on \(day) yet; the terms are the rule's as it reads now and the code is a sample\n"
                            .utf8))
            }
            if code == nil { code = PromoCodeGenerator(spec: r.code).next() }
            let message: OutgoingMessage
            do {
                message = try preview.message(
                    for: recipient, code: code ?? "", terms: issued?.terms, outboxID: issued?.outboxID,
                    snapshot: snapshot, renderer: renderer)
            } catch let problem as Preview.Problem {
                throw CLIError(problem.description)
            }
            let output = try PreviewOutput.render(message, format: format)
            if let out {
                try output.write(to: URL(fileURLWithPath: out))
            } else {
                FileHandle.standardOutput.write(output)
            }
        }
    }
}
