/// What a claim enforces beyond due times and leases, from the running configuration: the
/// quiet hours of each tenant channel and each tenant's frequency cap.
package struct DeliveryPolicy: Sendable, Hashable {
    /// A tenant channel's quiet hours, with the tenant's zone for rows without one of their own.
    package struct Quiet: Sendable, Hashable {
        package var tenantID: String
        package var channel: String
        package var tenantZone: String
        package var hours: QuietHours
    }

    package var quiet: [Quiet] = []
    /// Frequency caps by tenant id.
    package var caps: [String: FrequencyCap] = [:]

    package init() {}

    /// The quiet hours and caps of `configuration`'s tenants.
    package init(configuration: Configuration) {
        for tenant in configuration.tenants.map(\.config) {
            for channel in tenant.channels.keys.sorted() {
                if let hours = tenant.quietHours(on: channel) {
                    quiet.append(
                        Quiet(
                            tenantID: tenant.id, channel: channel, tenantZone: tenant.timeZone, hours: hours))
                }
            }
            if let cap = tenant.frequencyCap { caps[tenant.id] = cap }
        }
    }
}
