import Foundation
import KadoPostgres

/// Turns one rule and one tenant-local date into a promo, its eligibilities and
/// its outbox rows, in one transaction, exactly once.
///
/// The run is claimed first (``RunStore/claim(_:connection:)``), so a second or
/// concurrent evaluation of the same occurrence is a no-op. The audience is
/// selected, and every row written, by one set-based statement
/// (``PromoStore/issue(tenantID:ruleID:terms:code:codeStyle:channels:audience:perUser:connection:)``):
/// nothing is filtered in Swift and the audience is never held in memory.
package struct Evaluator: Sendable {
    package var tenant: TenantConfig
    package var rule: RuleConfig
    private var channels: [PromoStore.Channel]
    private let runs = RunStore()
    private let promos = PromoStore()

    /// Transaction retries on serialization failures and deadlocks.
    static let maxAttempts = 8
    /// New codes tried when a generated code collides with an existing one.
    static let maxCodeAttempts = 5

    package init(tenant: TenantConfig, rule: RuleConfig) {
        self.tenant = tenant
        self.rule = rule
        self.channels = Self.channels(of: rule, tenant: tenant)
    }

    private func key(_ date: LocalDate) -> RunStore.Key {
        RunStore.Key(tenantID: tenant.id, ruleID: rule.id, date: date)
    }

    /// Evaluates the occurrence on `date`; with `dryRun`, counts what it would write and writes nothing.
    ///
    /// Runs on the connection's own executor (its serial queue), never on the cooperative pool.
    /// A failure of the rule itself (a missing table or column, bad SQL) is thrown as an
    /// ``EvaluationFailure`` naming tenant, rule, date and the cause; a lost connection is
    /// rethrown as it is (the database is away, not the rule at fault).
    package func evaluate(on date: LocalDate, dryRun: Bool = false, connection: isolated PostgresConnection)
        throws
        -> EvaluationResult
    {
        let started = ContinuousClock.now
        var result: EvaluationResult
        do {
            if AudienceQuery(tenant: tenant, rule: rule, date: date, firstParameter: 1) == nil {
                result = EvaluationResult(tenantID: tenant.id, ruleID: rule.id, date: date, outcome: .notDue)
            } else if dryRun {
                result = try connection.transaction { c in try self.count(on: date, connection: c) }
            } else {
                var attempt = 1
                while true {
                    do {
                        result = try connection.transaction { c in try self.issue(on: date, connection: c) }
                        break
                    } catch let error as PostgresError
                        where (error.isSerializationFailure || error.isDeadlock) && attempt < Self.maxAttempts
                    {
                        // A concurrent evaluation of the same occurrence committed first; the
                        // retry sees its run record and reports "already done".
                        attempt += 1
                    }
                }
            }
        } catch let error as PostgresError where error.kind != .connection {
            throw EvaluationFailure(tenant: tenant, rule: rule, date: date, error: error)
        }
        result.elapsed = ContinuousClock.now - started
        return result
    }

    /// Records a failed evaluation so it is retried with backoff and shown by `kado status`.
    package func recordFailure(
        _ failure: EvaluationFailure, at now: Date = Date(), connection: isolated PostgresConnection
    ) throws -> (attempts: Int, nextAttempt: Date) {
        try runs.recordFailure(key(failure.date), reason: failure.reason, at: now, connection: connection)
    }

    // MARK: - Issuing

    private func issue(on date: LocalDate, connection c: isolated PostgresConnection) throws
        -> EvaluationResult
    {
        // One snapshot for the count, the codes and the writes.
        try c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        // The issuing statement is just costly enough to trigger JIT compilation, which
        // costs more than it saves on this plan (bench/issuance).
        try c.execute("SET LOCAL jit = off")
        guard try runs.claim(key(date), connection: c) else {
            return try previousRun(on: date, connection: c)
        }

        var result = EvaluationResult(tenantID: tenant.id, ruleID: rule.id, date: date, outcome: .issued)
        // evaluate(on:) has checked that the trigger fires on this date.
        guard
            let audience = AudienceQuery(
                tenant: tenant, rule: rule, date: date, firstParameter: PromoStore.fixedParameterCount + 1)
        else {
            result.outcome = .notDue
            return result
        }
        let generator = PromoCodeGenerator(spec: rule.code)
        let perUser = rule.code.style == .perUser
        let userCodes: Int
        if perUser, let counting = AudienceQuery(tenant: tenant, rule: rule, date: date, firstParameter: 1) {
            userCodes = try promos.count(counting, connection: c)
        } else {
            userCodes = 0
        }
        let terms = PromoTerms(rule: rule, tenant: tenant, date: date)

        var codeAttempt = 1
        while true {
            let sharedCode = perUser ? nil : generator.next()
            do {
                let issued = try c.savepoint("kado_issue") { s -> PromoStore.Issued in
                    if perUser { try promos.loadCodes(count: userCodes, next: generator.next, connection: s) }
                    return try promos.issue(
                        tenantID: tenant.id, ruleID: rule.id, terms: terms, code: sharedCode,
                        codeStyle: rule.code.style.rawValue, channels: channels,
                        delivery: Self.delivery(of: rule, tenant: tenant, date: date), audience: audience,
                        perUser: perUser, connection: s)
                }
                result.audience = issued.audience
                result.promoID = issued.promoID
                result.eligibilities = issued.eligibilities
                result.notifications = issued.notifications
                result.code = issued.promoID == nil ? nil : sharedCode
                result.userCodes = perUser ? issued.eligibilities : 0
                break
            } catch let error as PostgresError where promos.isCodeCollision(error, connection: c) {
                guard codeAttempt < Self.maxCodeAttempts else { throw error }
                codeAttempt += 1
            }
        }
        if result.promoID == nil { result.outcome = .empty }
        try runs.finish(
            key(date), status: result.outcome == .empty ? .empty : .done, promoID: result.promoID,
            audience: result.audience, notifications: result.notificationTotal, connection: c)
        // Wakes listening dispatchers when this transaction commits.
        if result.notificationTotal > 0 { try OutboxStore().announce(connection: c) }
        return result
    }

    private func previousRun(on date: LocalDate, connection c: isolated PostgresConnection) throws
        -> EvaluationResult
    {
        var result = EvaluationResult(tenantID: tenant.id, ruleID: rule.id, date: date, outcome: .alreadyDone)
        if let previous = try runs.previous(key(date), connection: c) {
            result.promoID = previous.promoID
            result.audience = previous.audience
            result.code = previous.code
            if previous.status == .skipped { result.outcome = .skipped }
        }
        return result
    }

    // MARK: - Dry run

    private func count(on date: LocalDate, connection c: isolated PostgresConnection) throws
        -> EvaluationResult
    {
        try c.execute("SET TRANSACTION READ ONLY")
        var result = EvaluationResult(tenantID: tenant.id, ruleID: rule.id, date: date, outcome: .dryRun)
        if let previous = try runs.previous(key(date), connection: c), previous.status != .failed {
            return try previousRun(on: date, connection: c)
        }
        guard let audience = AudienceQuery(tenant: tenant, rule: rule, date: date, firstParameter: 1) else {
            return result
        }
        let (total, notifications) = try promos.counts(
            tenantID: tenant.id, channels: channels, audience: audience, connection: c)
        result.audience = total
        result.eligibilities = total
        result.userCodes = rule.code.style == .perUser ? total : 0
        result.notifications = notifications
        return result
    }
}
