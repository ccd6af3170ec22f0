import Metrics

/// kado's metrics, through swift-metrics: whatever backend the process bootstrapped
/// (`kado serve` and `kado run --listen` export them as Prometheus text at `/metrics`;
/// elsewhere they go nowhere). Every name has one fixed set of labels, written here once.
package enum KadoMetrics {
    /// `kado_messages_total{tenant,channel,status}`: outbox rows settled by dispatchers
    /// (sent, failed, dead, expired, suppressed, deferred).
    package static let messages = "kado_messages_total"
    /// `kado_evaluations_total{tenant,rule,outcome}`: evaluations by the scheduler
    /// (issued, empty, already_done, skipped, not_due, failed).
    package static let evaluations = "kado_evaluations_total"
    /// `kado_outbox_due{tenant,channel}`: rows that could be sent now.
    package static let outboxDue = "kado_outbox_due"
    /// `kado_send_seconds{tenant,channel}`: how long providers took to send (histogram).
    package static let sendSeconds = "kado_send_seconds"
    /// `kado_redemptions_total{tenant,result}`: redemptions and releases by result.
    package static let redemptions = "kado_redemptions_total"

    package static func message(tenant: String, channel: String, status: String, count: Int = 1) {
        guard count > 0 else { return }
        Counter(label: messages, dimensions: [("tenant", tenant), ("channel", channel), ("status", status)])
            .increment(by: count)
    }

    package static func evaluation(tenant: String, rule: String, outcome: String) {
        Counter(label: evaluations, dimensions: [("tenant", tenant), ("rule", rule), ("outcome", outcome)])
            .increment()
    }

    package static func due(tenant: String, channel: String, count: Int) {
        Gauge(label: outboxDue, dimensions: [("tenant", tenant), ("channel", channel)]).record(count)
    }

    package static func send(tenant: String, channel: String, took duration: Duration) {
        Metrics.Timer(label: sendSeconds, dimensions: [("tenant", tenant), ("channel", channel)])
            .record(duration: duration)
    }

    package static func redemption(tenant: String, result: String) {
        Counter(label: redemptions, dimensions: [("tenant", tenant), ("result", result)]).increment()
    }

    /// Creates every series of `configuration` at zero, so that a scrape shows each name
    /// (and its labels) before anything happened.
    package static func register(_ configuration: Configuration) {
        for tenant in configuration.tenants {
            let id = tenant.config.id
            for channel in tenant.config.channels.keys {
                for status in [OutboxStatus.sent, .failed, .dead, .expired, .suppressed, .capped] {
                    Counter(
                        label: messages,
                        dimensions: [("tenant", id), ("channel", channel), ("status", status.rawValue)]
                    )
                    .increment(by: 0)
                }
                _ = Metrics.Timer(label: sendSeconds, dimensions: [("tenant", id), ("channel", channel)])
            }
            for rule in tenant.rules {
                Counter(
                    label: evaluations,
                    dimensions: [("tenant", id), ("rule", rule.id), ("outcome", "issued")]
                ).increment(by: 0)
            }
            for result in RedemptionResult.allCases {
                Counter(label: redemptions, dimensions: [("tenant", id), ("result", result.rawValue)])
                    .increment(by: 0)
            }
        }
    }
}
