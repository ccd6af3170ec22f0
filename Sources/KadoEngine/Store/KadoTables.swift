/// kado's own tables, as the migrations create them. Every one but `schema_migrations` holds
/// rows of one tenant each: its primary and unique keys lead with `tenant_id` and the joins
/// between them match on it, so that a sharded deployment (Citus) can distribute them by
/// tenant (README: "Sharding by tenant"). A test reads the catalog and fails when a key
/// lacks it.
package enum KadoTables {
    /// The tables distributed by `tenant_id`.
    package static let tenantTables: [String] = [
        "promos", "promo_eligibilities", "notifications", "kado_runs", "kado_rules", "kado_channels",
        "kado_redemptions", "kado_suppressions",
    ]

    /// The migrations' bookkeeping: one row per version, for every tenant.
    package static let bookkeeping = "schema_migrations"

    /// Whether `table` (unqualified) is one of kado's, or a name kado reserves (`kado_...`).
    package static func isKado(_ table: String) -> Bool {
        table == bookkeeping || tenantTables.contains(table) || table.hasPrefix("kado_")
    }
}
