import KadoEngine
import KadoPostgres

/// The studio's only way to the database: reads in read-only transactions, through
/// the engine (the evaluator's dry run, the preview's user lookup). It never writes.
struct StudioDatabase: Sendable {
    let database: Database

    /// Runs `body` in a `READ ONLY` transaction: PostgreSQL itself refuses any write.
    func read<T: Sendable>(_ body: @escaping @Sendable (isolated PostgresConnection) throws -> T) async throws
        -> T
    {
        try await database.perform { c in
            try c.transaction { tx in
                try tx.execute("SET TRANSACTION READ ONLY")
                return try body(tx)
            }
        }
    }

    /// The evaluator's dry run of an occurrence (its own read-only transaction): who it
    /// would reach per channel, or what an earlier run did.
    func audience(tenant: TenantConfig, rule: RuleConfig, date: LocalDate) async throws -> EvaluationResult {
        try await database.perform { c in
            try Evaluator(tenant: tenant, rule: rule).evaluate(on: date, dryRun: true, connection: c)
        }
    }

    /// What the real user `id` gets from the preview's rule and channel.
    func subject(_ preview: Preview, userID: Int) async throws -> Preview.Subject {
        try await read { c in try preview.subject(forUser: userID, connection: c) }
    }
}
