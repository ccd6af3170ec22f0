import ArgumentParser
import Foundation
import KadoEngine

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Look at outbox messages, re-queue dead ones, or give up on waiting ones.",
        discussion: """
            Dead letters are first-class: `kado outbox list --status dead` shows every message kado gave up on with its last error and the provider's code, and `kado outbox retry` puts them back in the queue (attempts from zero), for instance after an expired WhatsApp token was replaced. `kado outbox cancel` gives up on messages still waiting. `kado outbox prune` deletes old finished messages.
            """,
        subcommands: [
            OutboxListCommand.self, OutboxRetryCommand.self, OutboxCancelCommand.self,
            OutboxPruneCommand.self,
        ])
}

/// The filters the outbox commands share.
struct OutboxFilterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only messages in this status: \(OutboxStatus.allCases.map(\.rawValue).joined(separator: ", ")) (repeatable).",
            valueName: "status"))
    var status: [OutboxStatus] = []
    @Option(help: "Only this tenant.") var tenant: String?
    @Option(help: "Only this rule.") var rule: String?
    @Option(help: ArgumentHelp("Only promos of this occurrence date (YYYY-MM-DD).", valueName: "date"))
    var date: String?
    @Option(help: "Only this channel.") var channel: String?

    func validate() throws {
        if let date, LocalDate(date) == nil {
            throw ValidationError("--date must be a real date as YYYY-MM-DD")
        }
    }

    func filter(defaultStatuses: [OutboxStatus] = []) -> OutboxFilter {
        OutboxFilter(
            statuses: status.isEmpty ? defaultStatuses : status, tenant: tenant, rule: rule,
            date: date.flatMap { LocalDate($0) }, channel: channel)
    }
}

extension OutboxStatus: ExpressibleByArgument {}

struct OutboxListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show outbox messages with their status and last error, newest first.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: OutboxFilterOptions
    @Option(help: "At most this many messages.") var limit: Int = 50
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() async throws {
        try await reportingErrors {
            let connection = try await database.connect()
            let (filter, limit) = (filters.filter(), self.limit)
            let entries = try await connection.perform { c in
                try OutboxStore().list(filter, limit: limit, connection: c)
            }
            switch format {
            case .text:
                if entries.isEmpty { print("no messages match") }
                for e in entries {
                    var line =
                        "#\(e.id) \(e.tenantID)/\(e.ruleID) \(e.date) \(e.channel) user \(e.userID) \(e.recipient): \(e.status.rawValue), \(e.attempts) attempt\(e.attempts == 1 ? "" : "s")"
                    if let next = e.nextAttempt { line += ", next \(ISO8601.string(next))" }
                    if let sent = e.sentAt { line += ", sent \(ISO8601.string(sent))" }
                    if let code = e.errorCode { line += " [\(code)]" }
                    if let error = e.error, e.status != .sent { line += "\n    \(error)" }
                    print(line)
                }
            case .json:
                print(
                    JSONValue.array(
                        entries.map { e in
                            .object([
                                ("id", .int(Int(e.id))), ("tenant", .string(e.tenantID)),
                                ("rule", .string(e.ruleID)),
                                ("date", .string(e.date.description)), ("channel", .string(e.channel)),
                                ("user_id", .int(e.userID)), ("recipient", .string(e.recipient)),
                                ("status", .string(e.status.rawValue)), ("attempts", .int(e.attempts)),
                                (
                                    "next_attempt_at",
                                    e.nextAttempt.map { .string(ISO8601.string($0)) } ?? .null
                                ),
                                (
                                    "last_attempt_at",
                                    e.lastAttempt.map { .string(ISO8601.string($0)) } ?? .null
                                ),
                                ("sent_at", e.sentAt.map { .string(ISO8601.string($0)) } ?? .null),
                                ("error_code", e.errorCode.map(JSONValue.string) ?? .null),
                                ("error", e.error.map(JSONValue.string) ?? .null),
                                ("provider_message_id", e.providerMessageID.map(JSONValue.string) ?? .null),
                            ])
                        }
                    ).rendered())
            }
        }
    }
}

struct OutboxRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract:
            "Put given-up messages back in the queue (by default the dead ones), due now, attempts from zero.",
        discussion:
            "Re-queues dead, expired or cancelled messages matching the filters (--status dead when none is given). A running `kado run` picks them up at its next poll."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: OutboxFilterOptions

    func run() async throws {
        try await reportingErrors {
            let connection = try await database.connect()
            let filter = filters.filter(defaultStatuses: [.dead])
            let count = try await connection.perform { c in try OutboxStore().retry(filter, connection: c) }
            print("re-queued \(count) message\(count == 1 ? "" : "s")")
        }
    }
}

struct OutboxCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Give up on messages still waiting to be sent (pending or failed): they become cancelled.",
        discussion: "Give at least one filter; `kado outbox retry --status cancelled` undoes it.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: OutboxFilterOptions

    func validate() throws {
        guard filters.tenant != nil || filters.rule != nil || filters.date != nil || filters.channel != nil
        else {
            throw ValidationError("give at least one of --tenant, --rule, --date or --channel")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let connection = try await database.connect()
            let filter = filters.filter()
            let count = try await connection.perform { c in
                try OutboxStore().cancel(
                    filter, reason: "cancelled by an operator (kado outbox cancel)", connection: c)
            }
            print("cancelled \(count) message\(count == 1 ? "" : "s")")
        }
    }
}
