import CLibPQ
import Foundation

extension PostgresConnection {
    /// Connects with `PQconnectdbParams`: the configuration's conninfo is expanded as `dbname`,
    /// with `connect_timeout` and `fallback_application_name` before it (so the string can
    /// override them) and the `database` override and `client_encoding=UTF8` after it.
    func open(_ configuration: PostgresConfiguration) throws {
        usesPreparedStatements = configuration.preparedStatements
        var parameters: [(String, String)] = []
        if let timeout = configuration.connectTimeout {
            parameters.append(("connect_timeout", String(timeout)))
        }
        if let name = configuration.applicationName {
            parameters.append(("fallback_application_name", name))
        }
        parameters.append(("dbname", configuration.conninfo))
        if let database = configuration.database {
            parameters.append(("dbname", database))
        }
        parameters.append(("client_encoding", "UTF8"))

        let conn = Self.connectdb(parameters)
        guard let conn else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let reason = configuration.redact(PostgresError.oneLine(PQerrorMessage(conn)) ?? "unknown error")
            PQfinish(conn)
            throw PostgresError(
                kind: .connection, message: "could not connect to \(configuration): \(reason)")
        }
        self.notices.install(on: conn)
        self.handle = PostgresConnectionHandle(conn)
    }

    private static func connectdb(_ parameters: [(String, String)]) -> OpaquePointer? {
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordArray = keywords.map { UnsafePointer($0) } + [nil]
        let valueArray = values.map { UnsafePointer($0) } + [nil]
        return PQconnectdbParams(keywordArray, valueArray, 1)
    }
}
