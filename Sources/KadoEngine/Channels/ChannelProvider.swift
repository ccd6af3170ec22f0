import Foundation
import KadoYAML

/// A way to deliver messages (SMTP, an HTTP API, files). A new provider is one
/// type conforming to this protocol plus one line in ``ChannelRegistry``.
package protocol ChannelProvider: Sendable {
    /// The name written as `plugin:` under a channel's `providers`.
    static var name: String { get }
    /// The message kinds this provider can deliver.
    static var kinds: Set<MessageKind> { get }
    /// The provider's settings.
    static var settings: ObjectSchema { get }
    /// Builds the provider from checked settings, or returns nil when its
    /// essential settings are empty (e.g. `${SMTP_URL:-}` unset), so that the
    /// channel falls back to its next provider.
    init?(settings: YAMLNode, context: inout ConfigContext)
    /// A one-line description for summaries; never contains secrets.
    var summary: String { get }
    /// Whether the channel's `rate_limit` applies to this provider (a remote service
    /// that throttles); the file outbox never waits.
    static var isRateLimited: Bool { get }

    /// Delivers one rendered message and classifies the outcome. Never throws:
    /// every failure is a ``DeliveryResult`` the dispatcher records.
    func send(_ message: OutgoingMessage, via transport: DeliveryTransport) async -> DeliveryResult

    /// The exact bytes ``send(_:via:)`` would send for `message` at `date`, built by the same
    /// code (for `kado preview --format request` and the studio's download), or why the
    /// message cannot be sent.
    func payload(for message: OutgoingMessage, date: Date) -> Result<ProviderPayload, MessageFileError>
}

extension ChannelProvider {
    /// Remote providers honour the channel's rate limit.
    package static var isRateLimited: Bool { true }
}

extension ChannelProvider {
    /// Why this provider cannot send `message` (a kind it does not deliver): the reason for
    /// a dead row or a preview that cannot be built.
    static func wrongKind(_ message: OutgoingMessage) -> String {
        "the \(name) provider cannot send \(message.kind) messages (it sends \(kinds.map(\.rawValue).sorted().joined(separator: ", ")))"
    }
}
