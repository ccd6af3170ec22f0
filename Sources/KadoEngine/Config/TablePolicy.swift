import Foundation
import KadoYAML

/// Which tables and views a tenant's audience source may name. Always forbidden: the
/// system catalogs (`pg_catalog`, `information_schema`, any `pg_*` name) and kado's own
/// tables. An operator may also restrict each tenant to a list, in one file outside the
/// tenants' folders (`--tenant-tables FILE` or `KADO_TENANT_TABLES`):
///
/// ```yaml
/// sayakaya: [users]
/// lunaria: [members, crm.members_view]
/// ```
package struct TablePolicy: Sendable {
    /// Allowed relations by tenant id (`schema.table` or `table`, which means `public.table`);
    /// nil: no allow-list, only the built-in prohibitions.
    package var allowed: [String: Set<String>]?
    /// The allow-list file, for messages.
    package var file: String?

    package init(allowed: [String: Set<String>]? = nil, file: String? = nil) {
        self.allowed = allowed
        self.file = file
    }

    /// Reads an allow-list file; problems are reported at their file:line:col.
    package static func load(file: String) -> (policy: TablePolicy?, problems: [Diagnostic]) {
        let start = SourceMark(file: file, line: 1, column: 1)
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            return (nil, [Diagnostic(at: start, "cannot read the tenant tables file")])
        }
        let document: YAMLDocument
        do {
            document = try YAMLParser.parse(text, file: file)
        } catch {
            return (nil, [Diagnostic(at: error.mark, error.message)])
        }
        var problems = document.problems.map { Diagnostic(at: $0.mark, $0.message) }
        guard let pairs = document.root?.pairs else {
            problems.append(
                Diagnostic(
                    at: document.root?.mark ?? start, "expected a mapping of tenant ids to lists of tables"))
            return (nil, problems)
        }
        var allowed: [String: Set<String>] = [:]
        for pair in pairs {
            guard let tenant = pair.key.scalar?.value else { continue }
            guard let items = pair.value.items else {
                problems.append(
                    Diagnostic(at: pair.value.mark, "'\(tenant)' must be a list of tables, e.g. [users]"))
                continue
            }
            var tables: Set<String> = []
            for item in items {
                guard let name = item.scalar?.value, Checks.sqlRelation.problem(name) == nil else {
                    problems.append(Diagnostic(at: item.mark, "not a table name (schema.table or table)"))
                    continue
                }
                tables.insert(normalized(name))
            }
            allowed[tenant] = tables
        }
        return (problems.isEmpty ? TablePolicy(allowed: allowed, file: file) : nil, problems)
    }

    /// `public.users` for `users`, lower-cased (unquoted SQL identifiers fold to lower case).
    static func normalized(_ relation: String) -> String {
        let lower = relation.lowercased()
        return lower.contains(".") ? lower : "public." + lower
    }

    /// Why `tenant` may not read `relation`, or nil when it may.
    package func problem(table relation: String, tenant: String) -> String? {
        let name = Self.normalized(relation)
        let parts = name.split(separator: ".").map(String.init)
        let schema = parts.first ?? "public"
        let table = parts.last ?? name
        if schema == "information_schema" || schema.hasPrefix("pg_") || table.hasPrefix("pg_") {
            return
                "'\(relation)' is a PostgreSQL system catalog; an audience source must be the tenant's own table or view"
        }
        if KadoTables.isKado(table) {
            return
                "'\(relation)' is one of kado's own tables; an audience source must be the tenant's own table or view"
        }
        if let allowed {
            let mine = allowed[tenant] ?? []
            if !mine.contains(name) {
                let list = mine.sorted().map { $0.hasPrefix("public.") ? String($0.dropFirst(7)) : $0 }
                return
                    "table '\(relation)' is not allowed for tenant '\(tenant)' by \(file ?? "the tenant tables file") (allowed: \(list.isEmpty ? "none" : list.joined(separator: ", ")))"
            }
        }
        return nil
    }
}
