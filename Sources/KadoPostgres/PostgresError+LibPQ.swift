import CLibPQ

extension PostgresError {
    /// The `PG_DIAG_*` codes of `postgres_ext.h`: character-literal macros Swift cannot import.
    private enum DiagnosticField: Unicode.Scalar {
        case severity = "S"  // PG_DIAG_SEVERITY
        case severityNonLocalized = "V"  // PG_DIAG_SEVERITY_NONLOCALIZED
        case sqlState = "C"  // PG_DIAG_SQLSTATE
        case messagePrimary = "M"  // PG_DIAG_MESSAGE_PRIMARY
        case messageDetail = "D"  // PG_DIAG_MESSAGE_DETAIL
        case messageHint = "H"  // PG_DIAG_MESSAGE_HINT
        case statementPosition = "P"  // PG_DIAG_STATEMENT_POSITION
        case constraintName = "n"  // PG_DIAG_CONSTRAINT_NAME
        case schemaName = "s"  // PG_DIAG_SCHEMA_NAME
        case tableName = "t"  // PG_DIAG_TABLE_NAME
        case columnName = "c"  // PG_DIAG_COLUMN_NAME
        case dataTypeName = "d"  // PG_DIAG_DATATYPE_NAME
    }

    /// Builds an error from a failed result's error fields (`PQresultErrorField`).
    static func fromResult(_ result: OpaquePointer, kind: Kind, query: String?) -> PostgresError {
        func field(_ field: DiagnosticField) -> String? {
            guard let value = PQresultErrorField(result, Int32(field.rawValue.value)) else { return nil }
            let text = String(cString: value)
            return text.isEmpty ? nil : text
        }
        let fallback = Self.oneLine(PQresultErrorMessage(result)) ?? "unknown error"
        var error = PostgresError(
            kind: kind, message: field(.messagePrimary) ?? fallback, sqlState: field(.sqlState),
            detail: field(.messageDetail), hint: field(.messageHint), query: query)
        error.severity = field(.severityNonLocalized) ?? field(.severity)
        error.constraint = field(.constraintName)
        error.schemaName = field(.schemaName)
        error.tableName = field(.tableName)
        error.columnName = field(.columnName)
        error.dataTypeName = field(.dataTypeName)
        error.position = field(.statementPosition).flatMap { Int($0) }
        return error
    }

    /// Builds an error from the connection's last error message (`PQerrorMessage`); the kind
    /// becomes `.connection` when the connection is gone.
    static func fromConnection(_ conn: OpaquePointer, kind: Kind, query: String?) -> PostgresError {
        let lost = PQstatus(conn) == CONNECTION_BAD
        let message = Self.oneLine(PQerrorMessage(conn)) ?? "unknown libpq error"
        return PostgresError(kind: lost ? .connection : kind, message: message, query: query)
    }

    /// libpq's multi-line message folded into one line: trimmed lines joined with "; ".
    static func oneLine(_ cString: UnsafePointer<CChar>?) -> String? {
        guard let cString else { return nil }
        let lines = String(cString: cString).split(whereSeparator: \.isNewline)
            .map { $0.drop(while: \.isWhitespace) }
            .filter { !$0.isEmpty }
        return lines.isEmpty ? nil : lines.joined(separator: "; ")
    }
}
