import Foundation
import KadoEngine

/// What every handler shares: the loaded state, the database when there is one, the
/// folders followed and the clock.
struct StudioEnvironment: Sendable {
    let state: StudioState
    let database: StudioDatabase?
    let rulesDirectory: String
    let now: @Sendable () -> Date

    /// The loaded tenant and rule, or the page that says they are not there.
    func find(tenant tenantID: String, rule ruleID: String, in snapshot: StudioSnapshot) -> Result<
        (Configuration.Tenant, RuleConfig), StudioFailure
    > {
        guard let configuration = snapshot.good?.configuration else {
            return .failure(StudioFailure("no configuration has loaded yet; fix the problems below"))
        }
        guard let tenant = configuration.tenant(tenantID) else {
            return .failure(StudioFailure("there is no tenant '\(tenantID)' in the last good configuration"))
        }
        guard let rule = tenant.rules.first(where: { $0.id == ruleID }) else {
            return .failure(
                StudioFailure("tenant '\(tenantID)' has no rule '\(ruleID)' in the last good configuration"))
        }
        return .success((tenant, rule))
    }

    /// The occurrence a page is about: the one asked for, else the rule's next.
    func date(for rule: RuleConfig, tenant: TenantConfig, asked: LocalDate?) -> LocalDate {
        if let asked { return asked }
        let now = self.now()
        return RuleSchedule(rule: rule, tenant: tenant).upcoming(after: now, count: 1).first?.date
            ?? tenant.clock.localDate(at: now)
    }

    /// The dry run of `rule` on `date`, or nil without a database.
    func audience(tenant: TenantConfig, rule: RuleConfig, date: LocalDate) async -> Result<
        EvaluationResult, StudioFailure
    >? {
        guard let database else { return nil }
        do {
            return .success(try await database.audience(tenant: tenant, rule: rule, date: date))
        } catch {
            return .failure(StudioFailure(error))
        }
    }
}
