import CLibPQ

extension PostgresConfiguration: CustomStringConvertible {
    /// The connection parameters without any password, e.g.
    /// `host=db port=5432 dbname=kado user=app (from DATABASE_URL)`.
    public var description: String {
        guard var parameters = Self.visibleParameters(self.conninfo) else {
            return "<unparsable connection string> (from \(self.source.rawValue))"
        }
        if let database = self.database {
            parameters.removeAll { $0.keyword == "dbname" }
            parameters.append((keyword: "dbname", value: database))
        }
        let text = parameters.map { "\($0.keyword)=\($0.value)" }.joined(separator: " ")
        return text.isEmpty ? "(\(self.source.rawValue))" : "\(text) (from \(self.source.rawValue))"
    }

    /// The parameters set in `conninfo`, leaving out every value libpq marks as secret
    /// (dispchar `*`: `password`, `sslpassword`, ...); `nil` if libpq cannot parse it.
    ///
    /// `PQconninfoParse` only parses the string: it does no I/O and reads no files.
    static func visibleParameters(_ conninfo: String) -> [(keyword: String, value: String)]? {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            if let errorMessage { PQfreemem(errorMessage) }
            return nil
        }
        defer { PQconninfoFree(options) }
        var parameters: [(keyword: String, value: String)] = []
        var option = options
        while let keyword = option.pointee.keyword {
            defer { option += 1 }
            guard let value = option.pointee.val else { continue }
            let secret = option.pointee.dispchar.map { String(cString: $0) == "*" } ?? false
            let name = String(cString: keyword)
            guard !secret, name != "password" else { continue }
            parameters.append((keyword: name, value: String(cString: value)))
        }
        return parameters
    }
}
