/// An error from PostgreSQL or from this library's use of libpq.
///
/// Server errors carry the fields of PostgreSQL's error report (SQLSTATE, primary message,
/// detail, hint, ...) and the statement that failed. `description` gives the SQLSTATE, the
/// message and the statement on one line; it never contains connection passwords.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
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
    /// The optional secondary message with more detail.
    public var detail: String?
    /// The optional suggestion on how to fix the problem.
    public var hint: String?
    /// The severity (`ERROR`, `FATAL`, ...), not localized.
    public var severity: String?
    /// The name of the constraint that failed, when the error is about one.
    public var constraint: String?
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

    /// One line: `ERROR 23505 (unique_violation): MESSAGE (DETAIL) — query: STATEMENT`.
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
        if let detail = self.detail {
            text += " (\(detail))"
        }
        if let hint = self.hint {
            text += " hint: \(hint)"
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
