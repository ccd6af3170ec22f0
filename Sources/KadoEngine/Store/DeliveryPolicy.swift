/// What a claim enforces beyond due times and leases, from the running configuration: the
/// quiet hours of each tenant channel and each tenant's frequency cap.
public struct DeliveryPolicy: Sendable, Hashable {
    /// A tenant channel's quiet hours, with the tenant's zone for rows without one of their own.
    public struct Quiet: Sendable, Hashable {
        public var tenantID: String
        public var channel: String
        public var tenantZone: String
        public var hours: QuietHours
    }

    public var quiet: [Quiet] = []
    /// Frequency caps by tenant id.
    public var caps: [String: FrequencyCap] = [:]

    public init() {}

    /// The quiet hours and caps of `configuration`'s tenants.
    public init(configuration: Configuration) {
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
