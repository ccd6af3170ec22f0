import Hummingbird
import KadoEngine

/// `GET /metrics`: every kado metric in the Prometheus text format, with
/// `kado_outbox_due{tenant,channel}` read from the outbox at the scrape (when the
/// database does not answer, the last values stay).
struct MetricsRoutes: Sendable {
    let holder: ConfigHolder
    let database: DatabasePool

    func register(on router: Router<BasicRequestContext>, table: RouteTable) {
        router.resource("/metrics", in: table, [(.get, { _, _ in await self.scrape() })])
    }

    private func scrape() async -> Response {
        let configuration = holder.current.configuration
        let tenants = configuration.tenants.map(\.config.id)
        let store = OutboxStore()
        if let due = try? await database.perform({ c in
            try store.dueByChannel(tenants: tenants, connection: c)
        }) {
            for tenant in configuration.tenants {
                for channel in tenant.config.channels.keys {
                    let key = OutboxStore.ChannelKey(tenantID: tenant.config.id, channel: channel)
                    KadoMetrics.due(tenant: tenant.config.id, channel: channel, count: due[key] ?? 0)
                }
            }
        }
        return .text(
            MetricsExport.registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}
