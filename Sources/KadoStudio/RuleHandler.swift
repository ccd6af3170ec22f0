import Hummingbird
import KadoEngine

/// `GET /tenants/{tenant}/rules/{rule}`: the rule page.
struct RuleHandler: Sendable {
    let environment: StudioEnvironment

    func handle(_ request: Request, context: some RequestContext) async -> Response {
        let snapshot = environment.state.snapshot
        let tenantID = context.parameters.get("tenant") ?? ""
        let ruleID = context.parameters.get("rule") ?? ""
        guard let good = snapshot.good else {
            return .html(
                NotFoundPage(snapshot: snapshot, message: "No configuration has loaded yet.").render())
        }
        let (tenant, rule): (Configuration.Tenant, RuleConfig)
        switch environment.find(tenant: tenantID, rule: ruleID, in: snapshot) {
        case .success(let found): (tenant, rule) = found
        case .failure(let failure):
            return .html(
                NotFoundPage(snapshot: snapshot, message: failure.description).render(), status: .notFound)
        }
        let query = SubjectQuery(request)
        let date = environment.date(for: rule, tenant: tenant.config, asked: query.date)
        let messages = await RuleMessages.build(
            tenant: tenant, rule: rule, renderer: good.renderer, date: date, who: query.who,
            database: environment.database)
        let audience =
            rule.enabled
            ? AudienceView.render(
                await environment.audience(tenant: tenant.config, rule: rule, date: date), date: date)
            : AudienceView.disabled
        let page = RulePage(
            snapshot: snapshot, tenant: tenant, rule: rule, query: query, messages: messages,
            audience: audience,
            hasDatabase: environment.database != nil, now: environment.now())
        return .html(page.render())
    }
}
