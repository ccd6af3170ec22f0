extension Migrator {
    /// Reads and checks the source's migration files: every `.sql` file must be named
    /// `NNNNNN_name.up.sql` or `NNNNNN_name.down.sql`, each version must have exactly one up
    /// and one down file with the same name, and versions must be consecutive.
    ///
    /// All problems are reported together in one ``MigrationError`` of kind `.invalidFiles`.
    public func migrations() throws -> [Migration] {
        let files = try self.source.sqlFiles()
        var problems: [String] = []
        var ups: [Int64: [String]] = [:]
        var downs: [Int64: [String]] = [:]
        for file in files.keys.sorted() {
            guard let parsed = Self.parseFileName(file) else {
                problems.append("\(file): expected a name like 000001_name.up.sql or 000001_name.down.sql")
                continue
            }
            if parsed.isUp {
                ups[parsed.version, default: []].append(file)
            } else {
                downs[parsed.version, default: []].append(file)
            }
        }
        var migrations: [Migration] = []
        for version in Set(ups.keys).union(downs.keys).sorted() {
            if let migration = self.pair(
                version, ups: ups[version] ?? [], downs: downs[version] ?? [], files, &problems)
            {
                migrations.append(migration)
            }
        }
        problems += Self.gaps(in: Set(ups.keys).union(downs.keys).sorted())
        if migrations.isEmpty, problems.isEmpty {
            problems.append("no migration files (NNNNNN_name.up.sql / .down.sql) found")
        }
        guard problems.isEmpty else {
            throw MigrationError(
                kind: .invalidFiles,
                message: "invalid migrations in \(self.source):\n"
                    + problems.map { "  - \($0)" }.joined(separator: "\n"))
        }
        return migrations
    }

    /// Matches the up and down files of one version, recording what is wrong with them.
    private func pair(
        _ version: Int64, ups: [String], downs: [String], _ files: [String: String],
        _ problems: inout [String]
    ) -> Migration? {
        if ups.count > 1 || downs.count > 1 {
            problems.append(
                "version \(version) is used more than once: \((ups + downs).joined(separator: ", "))")
            return nil
        }
        guard let up = ups.first else {
            problems.append("\(downs[0]) has no matching .up.sql file")
            return nil
        }
        guard let down = downs.first else {
            problems.append("\(up) has no matching .down.sql file")
            return nil
        }
        let stem = up.dropLast(".up.sql".count)
        guard stem == down.dropLast(".down.sql".count), let parsed = Self.parseFileName(up) else {
            problems.append("\(up) and \(down) should have the same name")
            return nil
        }
        return Migration(
            version: version, name: parsed.name, stem: String(stem), upSQL: files[up] ?? "",
            downSQL: files[down] ?? "")
    }

    /// Problems for every hole in the sorted list of versions.
    private static func gaps(in versions: [Int64]) -> [String] {
        zip(versions, versions.dropFirst()).compactMap { previous, next in
            guard next - previous > 1 else { return nil }
            let missing = next - previous == 2 ? "\(previous + 1)" : "\(previous + 1) to \(next - 1)"
            return "versions must be consecutive: \(missing) missing between \(previous) and \(next)"
        }
    }

    /// Splits `000002_kado_promos.up.sql` into (2, "kado_promos", true).
    static func parseFileName(_ file: String) -> (version: Int64, name: String, isUp: Bool)? {
        let isUp = file.hasSuffix(".up.sql")
        guard isUp || file.hasSuffix(".down.sql") else { return nil }
        let stem = file.dropLast(isUp ? ".up.sql".count : ".down.sql".count)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = String(stem[stem.index(after: underscore)...])
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let version = Int64(digits), !name.isEmpty
        else { return nil }
        return (version, name, isUp)
    }
}
