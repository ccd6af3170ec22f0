import Hummingbird
import KadoEngine

/// Who may open a tenant's paths: a request with `Authorization: Bearer KEY` where KEY
/// is one of that tenant's `api.keys`. Every tenant's keys are compared, in constant
/// time, whatever matches first. No key, or a key of nobody: 401. A key of another
/// tenant: 404, exactly as for a tenant that does not exist.
struct TenantAccess: Sendable {
    let holder: ConfigHolder

    /// The tenant of the path, when the request's key is one of its keys.
    func tenant(_ tenantID: String, for request: Request) throws -> Configuration.Tenant {
        guard let key = Self.bearerKey(request) else { throw Problem.unauthorized }
        let configuration = holder.current.configuration
        var owner: Configuration.Tenant?
        for tenant in configuration.tenants where tenant.config.api.accepts(key) {
            owner = tenant
        }
        guard let owner else { throw Problem.unauthorized }
        guard owner.config.id == tenantID else { throw Problem.notFound() }
        return owner
    }

    /// The key of `Authorization: Bearer KEY` (scheme case-insensitive, RFC 9110).
    static func bearerKey(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let key = parts[1].trimmingCharacters(in: .whitespaces)
        return key.isEmpty ? nil : key
    }
}
