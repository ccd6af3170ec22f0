import Synchronization

/// A compiled template's stencils: its plan per (kind, locale) and its stencil per promo
/// constants, built on first use and shared by every message after it (the dispatcher's
/// workers and `kado preview`). Bounded: it starts over past ``limit`` stencils.
final class StencilCache: Sendable {
    struct PlanKey: Hashable {
        var kind: MessageKind
        var locale: String
    }

    /// Everything a stencil's constant text depends on.
    struct Key: Hashable {
        var kind: MessageKind
        var locale: String
        var tenantID: String
        var tenantName: String
        var timeZone: String
        var unsubscribe: Bool
        var ruleID: String
        var ruleName: String
        var terms: PromoTerms
        /// Bit i: attribute slot i's value is truthy (shows its section).
        var truthy: UInt64
    }

    private struct State {
        var plans: [PlanKey: StencilPlan?] = [:]
        var stencils: [Key: MessageStencil?] = [:]
    }

    static let limit = 1024
    private let state = Mutex(State())

    /// The plan for `key`, made by `make` the first time (nil: no stencil for this variant).
    func plan(_ key: PlanKey, make: () -> StencilPlan?) -> StencilPlan? {
        if let known = state.withLock({ $0.plans[key] }) { return known }
        let made = make()
        state.withLock { $0.plans[key] = .some(made) }
        return made
    }

    /// The stencil for `key`, made by `make` the first time (nil: none can be made).
    func stencil(_ key: Key, make: () -> MessageStencil?) -> MessageStencil? {
        if let known = state.withLock({ $0.stencils[key] }) { return known }
        let made = make()
        state.withLock {
            if $0.stencils.count >= Self.limit { $0.stencils.removeAll(keepingCapacity: true) }
            $0.stencils[key] = .some(made)
        }
        return made
    }
}
