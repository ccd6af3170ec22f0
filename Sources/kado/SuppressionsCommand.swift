import ArgumentParser
import Foundation
import KadoEngine

struct SuppressionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suppressions",
        abstract: "Who gets no more messages on a channel: list, add or remove suppressions.",
        discussion: """
            A suppressed user gets no outbox row on that channel when a promo is issued (the promo itself is still issued, and their other channels are unaffected), and rows already waiting are marked suppressed instead of being sent. One-click unsubscribe (the List-Unsubscribe link of every email, served by `kado serve`) adds them; these commands manage them by hand, for instance after a complaint or a request by phone.
            """,
        subcommands: [
            SuppressionsListCommand.self, SuppressionsAddCommand.self, SuppressionsRemoveCommand.self,
        ])
}

/// Tenant, channel and user of one suppression.
struct SuppressionKeyOptions: ParsableArguments {
    @Option(help: "The tenant.") var tenant: String
    @Option(help: "The channel (e.g. email, whatsapp).") var channel: String
    @Option(help: "The user's id in the tenant's audience source.") var user: Int

    func validate() throws {
        let identifier = /^[a-z][a-z0-9_-]*$/
        guard tenant.wholeMatch(of: identifier) != nil, channel.wholeMatch(of: identifier) != nil else {
            throw ValidationError("--tenant and --channel are ids: lower-case letters, digits, '_' and '-'")
        }
        guard RedemptionRequest.userIDs.contains(user) else {
            throw ValidationError("--user must be an integer from 0 to \(Int32.max)")
        }
    }
}

struct SuppressionsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show suppressions, newest first.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this tenant.") var tenant: String?
    @Option(help: "Only this channel.") var channel: String?
    @Option(help: "Only this user.") var user: Int?
    @Option(help: "At most this many.") var limit: Int = 100
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        try await reportingErrors {
            let connection = try await database.connect()
            let (tenant, channel, user, limit) = (self.tenant, self.channel, self.user, self.limit)
            let entries = try await connection.perform { c in
                try SuppressionStore().list(
                    tenantID: tenant, channel: channel, userID: user, limit: limit, connection: c)
            }
            switch format {
            case .text:
                if entries.isEmpty { print("no suppressions match") }
                for s in entries {
                    print(
                        "\(s.tenantID) \(s.channel) user \(s.userID): \(s.source.rawValue) at \(ISO8601.string(s.createdAt))"
                            + (s.detail.map { " (\($0))" } ?? ""))
                }
            case .json:
                print(
                    JSONValue.array(
                        entries.map { s in
                            .object([
                                ("tenant", .string(s.tenantID)), ("channel", .string(s.channel)),
                                ("user_id", .int(s.userID)), ("source", .string(s.source.rawValue)),
                                ("detail", s.detail.map(JSONValue.string) ?? .null),
                                ("created_at", .string(ISO8601.string(s.createdAt))),
                            ])
                        }
                    ).rendered())
            }
        }
    }
}

struct SuppressionsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Suppress a user on a channel: no more messages there.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var key: SuppressionKeyOptions
    @Option(help: "Why (kept with the suppression).") var reason: String?

    func run() async throws {
        try await reportingErrors {
            let connection = try await database.connect()
            let suppression = Suppression(
                tenantID: key.tenant, channel: key.channel, userID: key.user, source: .manual,
                detail: reason ?? "added with kado suppressions add")
            let added = try await connection.perform { c in
                try SuppressionStore().add(suppression, connection: c)
            }
            print(
                added
                    ? "suppressed user \(key.user) on \(key.tenant)/\(key.channel)"
                    : "user \(key.user) was already suppressed on \(key.tenant)/\(key.channel)")
        }
    }
}

struct SuppressionsRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Lift a suppression: the user gets messages on the channel again (from the next promo on).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var key: SuppressionKeyOptions

    func run() async throws {
        try await reportingErrors {
            let connection = try await database.connect()
            let (tenant, channel, user) = (key.tenant, key.channel, key.user)
            let removed = try await connection.perform { c in
                try SuppressionStore().remove(tenantID: tenant, channel: channel, userID: user, connection: c)
            }
            guard removed else {
                throw CLIError("user \(user) is not suppressed on \(tenant)/\(channel)")
            }
            print("user \(user) gets \(tenant)/\(channel) messages again")
        }
    }
}
