import Hummingbird
import KadoEngine

/// `GET /`: the index page.
struct IndexHandler: Sendable {
    let environment: StudioEnvironment

    func handle(_ request: Request, context: some RequestContext) async -> Response {
        let snapshot = environment.state.snapshot
        let now = environment.now()
        var audiences: [String: (Result<EvaluationResult, StudioFailure>, LocalDate)]?
        if environment.database != nil, let configuration = snapshot.good?.configuration {
            var found: [String: (Result<EvaluationResult, StudioFailure>, LocalDate)] = [:]
            for tenant in configuration.tenants {
                for rule in tenant.rules where rule.enabled {
                    let date = environment.date(for: rule, tenant: tenant.config, asked: nil)
                    if let result = await environment.audience(tenant: tenant.config, rule: rule, date: date)
                    {
                        found["\(tenant.config.id)/\(rule.id)"] = (result, date)
                    }
                }
            }
            audiences = found
        }
        let page = IndexPage(
            snapshot: snapshot, now: now, rulesDirectory: environment.rulesDirectory, audiences: audiences)
        return .html(page.render())
    }
}
