import Foundation

extension PostgresConfiguration {
    /// The configuration from, in order of precedence: `url` when given, `DATABASE_URL`, the
    /// seed's `DB_HOST`, `DB_PORT`, `DB_DATABASE`, `DB_USERNAME`, `DB_PASSWORD`, `DB_SSLMODE`
    /// (used when `DB_HOST` or `DB_DATABASE` is set), else libpq's defaults (`PG*` variables).
    ///
    /// Empty variables count as unset. `KADO_PREPARED_STATEMENTS=0` (or `off`, `false`) turns
    /// named prepared statements off, for a pooler in transaction mode (PgBouncer before 1.21).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, url: String? = nil
    ) -> PostgresConfiguration {
        var configuration = source(environment, url: url)
        if let flag = environment["KADO_PREPARED_STATEMENTS"]?.lowercased(),
            ["0", "off", "false", "no"].contains(flag)
        {
            configuration.preparedStatements = false
        }
        return configuration
    }

    private static func source(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, url: String? = nil
    ) -> PostgresConfiguration {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        if let url, !url.isEmpty {
            return PostgresConfiguration(url: url, source: .explicit)
        }
        if let url = value("DATABASE_URL") {
            return PostgresConfiguration(url: url, source: .databaseURL)
        }
        if value("DB_HOST") != nil || value("DB_DATABASE") != nil {
            var configuration = PostgresConfiguration(
                host: value("DB_HOST"), database: value("DB_DATABASE"), username: value("DB_USERNAME"),
                password: value("DB_PASSWORD"), sslMode: value("DB_SSLMODE"), source: .dbVariables)
            // DB_PORT is passed through as text so that a bad value gets libpq's own message.
            if let port = value("DB_PORT") {
                configuration.conninfo += " port=\(Self.quoteConninfoValue(port))"
            }
            return configuration
        }
        return .libpqDefaults
    }
}
