import Hummingbird
import KadoEngine
import KadoPostgres

/// Probes: `GET /healthz` answers 200 while the process runs (liveness);
/// `GET /readyz` answers 200 only when the database answers within
/// ``readinessTimeout`` and a valid configuration is loaded, else 503 with the reason.
struct HealthRoutes: Sendable {
    let holder: ConfigHolder
    let database: DatabasePool
    static let readinessTimeout: Duration = .seconds(2)

    func register(on router: Router<BasicRequestContext>, table: RouteTable) {
        router.resource(
            "/healthz", in: table, [(.get, { _, _ in .json(.object([("status", .string("ok"))])) })])
        router.resource("/readyz", in: table, [(.get, { _, _ in try await self.ready() })])
    }

    private func ready() async throws -> Response {
        let snapshot = holder.current
        guard !snapshot.configuration.tenants.isEmpty else {
            throw Problem.notReady("no configuration is loaded (no tenants)")
        }
        if let problem = await databaseProblem() { throw Problem.notReady(problem) }
        return .json(
            .object([
                ("status", .string("ready")), ("database", .string("ok")),
                (
                    "config",
                    .object([
                        ("generation", .int(snapshot.generation)),
                        ("tenants", .int(snapshot.configuration.tenants.count)),
                        ("rules", .int(snapshot.configuration.ruleCount)),
                    ])
                ),
            ]))
    }

    /// Why the database does not answer `SELECT 1` in time, or nil when it does.
    private func databaseProblem() async -> String? {
        let database = self.database
        return await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do {
                    _ = try await database.perform { c in try c.query("SELECT 1") }
                    return nil
                } catch let error as DatabaseUnavailable {
                    return error.description
                } catch {
                    return "database error: \(error)"
                }
            }
            group.addTask {
                try? await Task.sleep(for: Self.readinessTimeout)
                return "database unavailable: no answer within \(Self.readinessTimeout.components.seconds) s"
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
