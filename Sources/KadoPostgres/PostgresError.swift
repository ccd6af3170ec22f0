/// An error from PostgreSQL or from this library's use of libpq.
///
/// Server errors carry the fields of PostgreSQL's error report (SQLSTATE, primary message,
/// detail, hint, the schema, table, column and constraint concerned, ...) and the
/// statement that failed.
///
/// `description` is safe to log: SQLSTATE, condition name, message, constraint and hint on
/// one line, never the DETAIL (a unique violation's `Key (tenant_id, promo_code)=(...)`
/// carries the conflicting values: promo codes, user data), the statement (its text can
/// hold values too) or connection passwords. `debugDescription` adds the detail and the
/// statement, for debug output only.
public struct PostgresError: Error, CustomStringConvertible, CustomDebugStringConvertible, Sendable {
    /// Which stage of talking to PostgreSQL failed.
    public enum Kind: String, Sendable, Hashable {
        /// Connecting failed, or the connection was lost or closed.
        case connection
        /// A statement failed (server error report).
        case query
        /// A `COPY ... FROM STDIN` failed, on the server or while sending data.
        case copy
        /// A value could not be decoded into the requested Swift type.
        case decoding
        /// The API was used in a way the protocol does not allow (e.g. COPY through `query`).
        case `protocol`
    }

    /// Which stage failed.
    public var kind: Kind
    /// The five-character SQLSTATE code (`PG_DIAG_SQLSTATE`), when the server reported one.
    public var sqlState: String?
    /// The primary, human-readable message.
    public var message: String
    /// The optional secondary message with more detail. It may hold data values (the
    /// conflicting key of a unique violation): it is left out of ``description``.
    public var detail: String?
    /// The optional suggestion on how to fix the problem.
    public var hint: String?
    /// The severity (`ERROR`, `FATAL`, ...), not localized.
    public var severity: String?
    /// The name of the constraint that failed, when the error is about one
    /// (`PG_DIAG_CONSTRAINT_NAME`). For a unique violation: the unique constraint, or the
    /// unique index when the key is an index without a constraint.
    public var constraint: String?
    /// The schema of the object the error is about (`PG_DIAG_SCHEMA_NAME`).
    public var schemaName: String?
    /// The table the error is about (`PG_DIAG_TABLE_NAME`): for a unique violation, the
    /// table whose key was violated.
    public var tableName: String?
    /// The column the error is about (`PG_DIAG_COLUMN_NAME`), e.g. for a not-null
    /// violation. PostgreSQL does not name columns for unique violations: ask the catalog
    /// with ``PostgresConnection/uniqueKeyColumns(of:)``.
    public var columnName: String?
    /// The data type the error is about (`PG_DIAG_DATATYPE_NAME`), e.g. for a domain check.
    public var dataTypeName: String?
    /// The 1-based character position in `query` the error refers to, when reported.
    public var position: Int?
    /// The statement that failed, when there is one.
    public var query: String?

    /// Creates an error; server errors are usually built from a libpq result instead.
    public init(
        kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        query: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.query = query
    }

    /// `true` for SQLSTATE 23505, a unique constraint or unique index was violated.
    public var isUniqueViolation: Bool { self.sqlState == "23505" }

    /// `true` for SQLSTATE 40001, a serializable transaction must be retried.
    public var isSerializationFailure: Bool { self.sqlState == "40001" }

    /// `true` for SQLSTATE 40P01, the transaction was chosen as a deadlock victim.
    public var isDeadlock: Bool { self.sqlState == "40P01" }

    /// One line, safe to log: `ERROR 23505 (unique_violation): MESSAGE [constraint NAME]
    /// hint: HINT`. No DETAIL and no statement, which can hold data values; see
    /// ``debugDescription``.
    public var description: String {
        var text: String
        if let sqlState = self.sqlState {
            text = "\(self.severity ?? "ERROR") \(sqlState)"
            if let name = Self.conditionName(sqlState) {
                text += " (\(name))"
            }
            text += ": \(self.message)"
        } else {
            text = "\(self.kind.rawValue) error: \(self.message)"
        }
        if let constraint = self.constraint, !self.message.contains(constraint) {
            text += " [constraint \(constraint)]"
        }
        if let hint = self.hint {
            text += " hint: \(hint)"
        }
        return text
    }

    /// ``description`` with the DETAIL and the statement, for debug output:
    /// `ERROR 23505 (unique_violation): MESSAGE hint: HINT (DETAIL) — query: STATEMENT`.
    /// Both may contain data values (promo codes, user data); keep it out of logs.
    public var debugDescription: String {
        var text = self.description
        if let detail = self.detail {
            text += " (\(detail))"
        }
        if let query = self.query {
            text += " — query: \(Self.abbreviate(query))"
        }
        return text
    }

    /// The statement on one line, shortened to at most `limit` characters.
    static func abbreviate(_ query: String, limit: Int = 400) -> String {
        let words = query.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let line = words.joined(separator: " ")
        guard line.count > limit else { return line }
        return String(line.prefix(limit)) + "…"
    }
}
