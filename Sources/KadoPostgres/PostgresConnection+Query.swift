import CLibPQ
import Foundation

extension PostgresConnection {
    /// Runs one statement with `PQexecParams`, every value bound as a text-format parameter
    /// (`$1`, `$2`, ...; write casts such as `$1::int`), and returns all its rows.
    ///
    /// For results too large to hold in memory use ``forEachRow(_:_:_:)``.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> PostgresRows {
        let conn = try self.connection(for: sql)
        let result = try Self.withParameters(parameters, query: sql) { count, values in
            PQexecParams(conn, sql, count, nil, values, nil, nil, 0)
        }
        return PostgresRows(try self.check(result, query: sql, kind: .query))
    }

    /// Runs one or more `;`-separated statements with the simple query protocol (`PQexec`),
    /// e.g. a migration file. No parameters; stops at the first failing statement.
    public func execute(_ sql: String) throws {
        let conn = try self.connection(for: sql)
        _ = try self.check(PQexec(conn, sql), query: sql, kind: .query)
    }

    /// Wraps a finished result: returns it on success, throws the server's error otherwise.
    /// Results that start a COPY are ended and reported as a protocol error.
    func check(_ raw: OpaquePointer?, query: String, kind: PostgresError.Kind) throws -> PostgresResult {
        let conn = try self.connection(for: query)
        guard let raw else {
            throw PostgresError.fromConnection(conn, kind: kind, query: query)
        }
        let result = PostgresResult(raw, query: query)
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return result
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            self.abandonCopy(conn)
            throw PostgresError(
                kind: .protocol, message: "COPY is not supported here; use copyIn(_:rows:)", query: query)
        default:
            let error = PostgresError.fromResult(raw, kind: kind, query: query)
            if PQstatus(conn) == CONNECTION_BAD {
                var lost = error
                lost.kind = .connection
                throw lost
            }
            throw error
        }
    }

    /// Ends a COPY started by mistake and discards what the server sends back.
    private func abandonCopy(_ conn: OpaquePointer) {
        _ = PQputCopyEnd(conn, "COPY is not supported through query()")
        while let pending = PQgetResult(conn) {
            let status = PQresultStatus(pending)
            PQclear(pending)
            if status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                var buffer: UnsafeMutablePointer<CChar>?
                while PQgetCopyData(conn, &buffer, 0) > 0 {
                    PQfreemem(buffer)
                }
            }
        }
    }

    /// Calls `body` with the parameter count and a C array of NUL-terminated texts (NULL for
    /// SQL NULL), valid only during the call.
    static func withParameters<R>(
        _ parameters: [(any PostgresEncodable)?], query: String,
        _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?) throws -> R
    ) throws -> R {
        let texts = parameters.map { $0?.postgresText }
        for (index, text) in texts.enumerated() where text?.utf8.contains(0) == true {
            throw PostgresError(
                kind: .query, message: "parameter $\(index + 1) contains a NUL character", query: query)
        }
        let copies: [UnsafeMutablePointer<CChar>?] = texts.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { $0.map { UnsafePointer($0) } }
        return try pointers.withUnsafeBufferPointer { buffer in
            try body(Int32(buffer.count), buffer.baseAddress)
        }
    }
}
