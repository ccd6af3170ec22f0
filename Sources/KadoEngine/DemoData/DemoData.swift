import KadoPostgres

/// Deterministic demo and benchmark users, written straight into a tenant's
/// audience source with `generate_series` (no rows pass through Swift).
///
/// User `g` always gets the same name, addresses and birthday, so runs are
/// repeatable: about 1 in 10 is unverified and 1 in 50 has a NULL verified
/// flag, 1 in 17 has no email, 1 in 7 no phone (by a hash of the id, so the
/// users given today's birthday get the same mix); birthdays spread over
/// 1960-2009. With `birthdayEvery` K, every K-th user is born on `birthdayOn`
/// (month and day) so a demo has people to congratulate.
///
/// Declared attributes (`audience.attributes`) are filled by type, by a hash of the id:
/// strings from a small pool (for `tier`: 1 in 10 gold, 1 in 10 platinum, else regular or
/// silver; for `city`: a few cities), integers 0-1999, numbers 0-99.99, booleans 1 in 4
/// true, dates over the 15 years before `birthdayOn` at local noon (and, with K, the users
/// after each K-th one on its month and day 1 to 12 years before, for anniversaries); 1 in 20
/// of each is NULL.
///
/// With a zone column (`audience.columns.timezone`), users are spread over the zones of the
/// tenant's country, by a hash of the id: for an Indonesian tenant 13 in 20 in the tenant's
/// zone (Asia/Jakarta, WIB), 4 in 20 in Asia/Makassar (WITA), 2 in 20 in Asia/Jayapura (WIT)
/// and 1 in 20 NULL (who get the tenant's zone); elsewhere 19 in 20 in the tenant's zone.
package struct DemoData: Sendable {
    package var tenant: TenantConfig
    package var users: Int
    package var firstID: Int
    package var birthdayEvery: Int
    package var birthdayOn: LocalDate?

    package init(
        tenant: TenantConfig, users: Int, firstID: Int = 1, birthdayEvery: Int = 0,
        birthdayOn: LocalDate? = nil
    ) {
        self.tenant = tenant
        self.users = users
        self.firstID = firstID
        self.birthdayEvery = birthdayEvery
        self.birthdayOn = birthdayOn
    }

    static let firstNames = [
        "Ayu", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hana", "Indra", "Joko", "Kartika",
        "Lestari",
        "Made", "Nur", "Putu", "Rina", "Sari", "Teguh", "Wulan", "Yusuf", "Zoë", "Łukasz", "Søren", "José",
        "Ngọc",
        "美咲", "Анна", "Émile", "Noor", "Sven",
    ]
    static let lastNames = [
        "Santoso", "Wijaya", "Pratama", "Halim", "Kusuma", "Nugroho", "Siregar", "Hakim", "de Vries",
        "Jansen",
        "Bakker", "Visser", "Smit", "Mulder", "O'Brien", "García", "Nguyễn", "田中", "Kowalski", "Müller",
    ]

    /// The date demo dates count back from: `birthdayOn`, else 2026-01-01.
    var referenceDate: LocalDate { birthdayOn ?? LocalDate(year: 2026, month: 1, day: 1) }

    /// Demo values for a string attribute.
    static func pool(for name: String) -> [String] {
        switch name {
        case "tier":
            return [
                "regular", "regular", "regular", "regular", "regular", "silver", "silver", "regular", "gold",
                "platinum",
            ]
        case "city":
            return [
                "Jakarta", "Surabaya", "Bandung", "Medan", "Denpasar", "Amsterdam", "Rotterdam", "Utrecht",
            ]
        default:
            return (1...5).map { "\(name)-\($0)" }
        }
    }

    /// The international dialling prefix for the tenant's region, for demo phone numbers.
    var phonePrefix: String {
        switch tenant.locale.split(separator: "-").last {
        case "ID": return "+62812"
        case "NL": return "+316"
        case "DE": return "+4915"
        default: return "+1555"
        }
    }

    /// The zones demo users live in, most common first: the tenant's own, then the other
    /// zones of its country (by the locale's region).
    var zones: [String] {
        let country: [String] =
            switch tenant.locale.split(separator: "-").last {
            case "ID": ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
            default: []
            }
        return [tenant.timeZone] + country.filter { $0 != tenant.timeZone }
    }

    /// The users' ids in chunks of at most `size`, for ``insert(_:connection:)`` on
    /// one or several connections.
    package func chunks(size: Int = 500_000) -> [ClosedRange<Int>] {
        stride(from: 0, to: users, by: size).map { offset in
            (firstID + offset)...(firstID + min(users, offset + size) - 1)
        }
    }

    /// Inserts the users whose ids are in `ids`.
    package func insert(_ ids: ClosedRange<Int>, connection c: isolated PostgresConnection) throws {
        var parameters: [(any PostgresEncodable)?] = [
            Self.firstNames, Self.lastNames, phonePrefix, birthdayEvery, birthdayOn?.month ?? 1,
            birthdayOn?.day ?? 1, ids.lowerBound, ids.upperBound, referenceDate.description,
            tenant.audience.timeZone, zones,
        ]
        parameters += tenant.audience.attributes.filter { $0.type == .string }.map { Self.pool(for: $0.name) }
        try c.query(insertSQL, parameters)
    }

    /// After every chunk: keeps the id sequence ahead of the rows written with
    /// explicit ids (so the backend's own inserts keep working) and refreshes the
    /// planner's statistics.
    package func finish(connection c: isolated PostgresConnection) throws {
        let source = tenant.audience
        try c.query(
            "SELECT setval(pg_get_serial_sequence($1, $2), (SELECT max(\(source.quoted(\.id))) FROM \(source.quotedTable)))",
            [source.table, source.columns.id])
        try c.execute("ANALYZE \(source.quotedTable)")
    }

    /// One `INSERT ... SELECT FROM generate_series($7, $8)` for a range of ids.
    var insertSQL: String {
        let source = tenant.audience
        var columns = [\AudienceSource.Columns.name, \.email, \.phone, \.birthday, \.verified].map {
            source.quoted($0)
        }
        var values = [
            "($1::text[])[1 + (x.h % array_length($1::text[], 1))] || ' ' || ($2::text[])[1 + ((x.h / 31) % array_length($2::text[], 1))]",
            "CASE WHEN (x.h / 7) % 17 = 0 THEN NULL ELSE 'user' || g || '@\(tenant.id).example' END",
            "CASE WHEN (x.h / 3) % 7 = 0 THEN NULL ELSE $3 || lpad(g::text, 8, '0') END",
            """
            CASE WHEN $4::int > 0 AND g % $4::int = 0
                 THEN make_date(1984 + 4 * (g % 6)::int, $5::int, $6::int)
                 ELSE date '1960-01-01' + (x.h % 18262)::int END
            """,
            "CASE WHEN (x.h / 11) % 50 = 0 THEN NULL WHEN (x.h / 11) % 10 = 0 THEN false ELSE true END",
        ]
        if let locale = source.columns.locale {
            columns.append(AudienceSource.quote(locale))
            values.append("CASE WHEN g % 5 = 0 THEN 'en-US' ELSE NULL END")
        }
        if let timezone = source.columns.timezone, !columns.contains(AudienceSource.quote(timezone)) {
            // 13 in 20 the first zone, 4 the second, 2 the third (the first where there are
            // fewer), 1 NULL.
            columns.append(AudienceSource.quote(timezone))
            values.append(
                """
                CASE (x.h / 23) % 20 WHEN 0 THEN NULL
                     ELSE coalesce(x.zones[CASE WHEN (x.h / 23) % 20 <= 2 THEN 3
                                                WHEN (x.h / 23) % 20 <= 6 THEN 2 ELSE 1 END], x.zones[1]) END
                """)
        }
        var pool = 12
        for (index, attribute) in source.attributes.enumerated() {
            guard case .column(let column) = attribute.source, !columns.contains(AudienceSource.quote(column))
            else { continue }
            // Each attribute its own slice of the hash, so that they do not move together.
            let h = "(x.h / \(13 + 2 * index))"
            let value: String
            switch attribute.type {
            case .string:
                value = "($\(pool)::text[])[1 + (\(h) % array_length($\(pool)::text[], 1))]"
                pool += 1
            case .integer: value = "(\(h) % 2000)::int"
            case .number: value = "(\(h) % 10000) / 100.0"
            case .boolean: value = "\(h) % 4 = 0"
            case .date:
                value = """
                    (CASE WHEN $4::int > 0 AND g % $4::int = 1
                          THEN (x.day - make_interval(years => ((g / $4::int) % 12 + 1)::int))::date
                          ELSE x.day - (\(h) % 5478)::int END + time '12:00') AT TIME ZONE x.zone
                    """
            }
            columns.append(AudienceSource.quote(column))
            values.append("CASE WHEN \(h) % 20 = 7 THEN NULL ELSE \(value) END")
        }
        return """
            INSERT INTO \(source.quotedTable) (\(source.quoted(\.id)), \(columns.joined(separator: ", ")))
            SELECT g, \(values.joined(separator: ", "))
              FROM generate_series($7::bigint, $8::bigint) AS g,
                   LATERAL (SELECT (g * 2654435761) % 4294967296 AS h, $9::date AS day, $10::text AS zone,
                                   $11::text[] AS zones) AS x
            """
    }
}
