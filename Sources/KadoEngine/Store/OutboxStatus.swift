/// Where an outbox row is in its life. The names are stored in
/// `notifications.status` (and checked there by a constraint).
package enum OutboxStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Issued, never tried yet; due at `next_attempt_at`.
    case pending
    /// Claimed by a dispatcher (`claimed_by`) until its lease (`next_attempt_at`) runs out.
    case sending
    /// Accepted by the provider (`sent_at`, `provider_message_id`).
    case sent
    /// Failed, will be tried again at `next_attempt_at`.
    case failed
    /// Given up: a permanent failure or attempts exhausted (`last_error`).
    case dead
    /// Not sent because its promo was no longer valid when it would have been.
    case expired
    /// Given up by an operator (`kado outbox cancel`).
    case cancelled
    /// Not sent because the recipient is suppressed on the channel (one-click
    /// unsubscribe, or `kado suppressions add`) when it would have been.
    case suppressed
    /// Not sent because the customer already had their tenant's `frequency_cap` of messages
    /// on the channel in the window (a higher-ranked rule's message won).
    case capped

    /// Rows a dispatcher may still claim.
    package static let open: [OutboxStatus] = [.pending, .failed, .sending]
    /// Rows that will never be sent again unless re-queued.
    package static let finished: [OutboxStatus] = [.sent, .dead, .expired, .cancelled, .suppressed, .capped]
}
