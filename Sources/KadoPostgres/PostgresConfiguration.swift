/// Where and how to connect: a libpq connection string plus a few overrides.
///
/// `conninfo` is either a URL (`postgresql://user:secret@host:5432/db?sslmode=disable`, used
/// as-is) or libpq's `keyword='value'` form; an empty string means libpq's own defaults (the
/// `PG*` environment variables, `~/.pgpass`, the local socket). See
/// ``fromEnvironment(_:url:)`` for the order in which the environment is consulted.
public struct PostgresConfiguration: Sendable, Hashable {
    /// Where a configuration came from, for messages.
    public enum Source: String, Sendable, Hashable {
        /// A URL or connection string given explicitly (e.g. a command-line option).
        case explicit = "explicit connection string"
        /// The `DATABASE_URL` environment variable.
        case databaseURL = "DATABASE_URL"
        /// The `DB_HOST`, `DB_PORT`, `DB_DATABASE`, `DB_USERNAME`, `DB_PASSWORD`, `DB_SSLMODE` variables.
        case dbVariables = "DB_* environment"
        /// libpq's defaults: `PGHOST`, `PGDATABASE`, ... and the local socket.
        case libpqDefaults = "libpq defaults"
    }

    /// The connection string given to libpq: a URL as-is, or `keyword='value'` pairs.
    public var conninfo: String
    /// Where `conninfo` came from.
    public var source: Source
    /// A database name that replaces the one in `conninfo` (useful for per-test databases).
    public var database: String?
    /// Seconds to wait for a connection before giving up (`connect_timeout`), unless
    /// `conninfo` sets its own; `nil` leaves libpq's default (wait indefinitely).
    public var connectTimeout: Int?
    /// Shown in `pg_stat_activity` unless `conninfo` sets `application_name`.
    public var applicationName: String?
    /// Whether ``PostgresConnection/preparedQuery(_:_:)`` keeps named prepared statements on
    /// the server. Off, it plans every statement again (unnamed), as a pooler in transaction
    /// mode needs: the next transaction may run on another server connection.
    public var preparedStatements = true

    /// A configuration from a URL or a libpq connection string, used as-is.
    public init(url: String, source: Source = .explicit) {
        self.conninfo = url
        self.source = source
    }

    /// A configuration in libpq's keyword form; `nil` values are left to libpq's defaults.
    public init(
        host: String? = nil, port: Int? = nil, database: String? = nil, username: String? = nil,
        password: String? = nil, sslMode: String? = nil, source: Source = .explicit
    ) {
        let pairs: [(String, String?)] = [
            ("host", host), ("port", port.map { String($0) }), ("dbname", database), ("user", username),
            ("password", password), ("sslmode", sslMode),
        ]
        self.conninfo = pairs.compactMap { key, value in
            value.map { "\(key)=\(Self.quoteConninfoValue($0))" }
        }.joined(separator: " ")
        self.source = source
    }

    /// libpq's defaults: an empty connection string.
    public static var libpqDefaults: PostgresConfiguration {
        PostgresConfiguration(url: "", source: .libpqDefaults)
    }

    /// A value quoted for libpq's keyword form: `'...'` with `\` and `'` backslash-escaped.
    public static func quoteConninfoValue(_ value: String) -> String {
        var quoted = "'"
        for character in value {
            if character == "\\" || character == "'" {
                quoted.append("\\")
            }
            quoted.append(character)
        }
        quoted.append("'")
        return quoted
    }
}
