import CLibPQ

extension PostgresConnection {
    /// The size of the chunks `copyIn` hands to libpq.
    static let copyChunkSize = 64 * 1024

    /// Streams `rows` into a `COPY table (columns) FROM STDIN` statement in text format and
    /// returns the number of rows the server stored.
    ///
    /// Each row is one array of column values; `nil` is SQL NULL (`\N`). Backslash, tab,
    /// newline and carriage return are escaped, and data goes to the server in chunks of
    /// 64 KiB, so memory stays flat however many rows the sequence yields.
    @discardableResult
    public func copyIn(_ sql: String, rows: some Sequence<[String?]>) throws -> Int {
        let conn = try self.connection(for: sql)
        guard let start = PQexec(conn, sql) else {
            throw PostgresError.fromConnection(conn, kind: .copy, query: sql)
        }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            // Not a COPY FROM STDIN (or it failed): report it as a copy error.
            _ = try self.check(start, query: sql, kind: .copy)
            throw PostgresError(
                kind: .protocol, message: "copyIn needs a COPY ... FROM STDIN statement", query: sql)
        }
        PQclear(start)

        var sendError: PostgresError?
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.copyChunkSize + 4096)
        for (number, row) in rows.enumerated() {
            if let problem = Self.appendCopyRow(row, to: &buffer) {
                sendError = PostgresError(kind: .copy, message: "row \(number + 1): \(problem)", query: sql)
                break
            }
            if buffer.count >= Self.copyChunkSize {
                if let error = Self.putCopyData(conn, buffer, query: sql) {
                    sendError = error
                    break
                }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if sendError == nil, !buffer.isEmpty {
            sendError = Self.putCopyData(conn, buffer, query: sql)
        }
        if let sendError {
            _ = PQputCopyEnd(conn, "aborted by client: \(sendError.message)")
        } else {
            _ = PQputCopyEnd(conn, nil)
        }
        return try self.finishCopy(conn, query: sql, clientError: sendError)
    }

    /// Reads the results that end a COPY; returns the stored row count or throws.
    private func finishCopy(_ conn: OpaquePointer, query: String, clientError: PostgresError?) throws -> Int {
        var count = 0
        var serverError: (any Error)?
        while let raw = PQgetResult(conn) {
            do {
                count = try self.check(raw, query: query, kind: .copy).affectedRows
            } catch {
                serverError = serverError ?? error
            }
        }
        if let clientError { throw clientError }
        if let serverError { throw serverError }
        return count
    }

    private static func putCopyData(_ conn: OpaquePointer, _ buffer: [UInt8], query: String) -> PostgresError?
    {
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                PQputCopyData(conn, $0.baseAddress, Int32($0.count))
            }
        }
        guard status == 1 else {
            return PostgresError.fromConnection(conn, kind: .copy, query: query)
        }
        return nil
    }

    /// Appends one row in COPY text format; returns a problem description for values that
    /// cannot be sent (a NUL character).
    static func appendCopyRow(_ row: [String?], to buffer: inout [UInt8]) -> String? {
        for (column, value) in row.enumerated() {
            if column > 0 {
                buffer.append(UInt8(ascii: "\t"))
            }
            guard let value else {
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                continue
            }
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0: return "column \(column + 1) contains a NUL character"
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        return nil
    }
}
