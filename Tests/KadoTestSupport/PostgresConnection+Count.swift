import KadoPostgres

extension PostgresConnection {
    /// A single integer from a query (-1 when it returns no row).
    public func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
        try query(sql, parameters).first?.decode(Int.self, at: 0) ?? -1
    }
}
