import CLibPQ
import Dispatch

/// One connection to PostgreSQL through libpq.
///
/// The actor runs on its own serial `DispatchQueue` (see `unownedExecutor`): every libpq call,
/// all of which block on the network, happens on that queue's thread and never on Swift's
/// cooperative thread pool, and the `PGconn` is only ever used by one thread at a time.
/// Methods are synchronous inside the actor, so a transaction body runs without suspension
/// points; from outside, call them with `await`.
///
/// ```swift
/// let connection = try await PostgresConnection.connect(.fromEnvironment())
/// let rows = try await connection.query("SELECT id, name FROM users WHERE id = $1::int", [42])
/// ```
public actor PostgresConnection {
    /// The serial queue every job of this actor, and so every libpq call, runs on.
    nonisolated let executor: PostgresQueueExecutor
    /// The libpq connection; `nil` before `open` succeeds and after `close`.
    var handle: PostgresConnectionHandle?
    /// The raw `PGconn*` of `handle`.
    var conn: OpaquePointer? { self.handle?.raw }
    /// Collects server notices instead of letting libpq print them to stderr.
    let notices = PostgresNoticeCollector()
    /// Statements prepared on this connection by ``preparedQuery(_:_:)``: SQL to name.
    var preparedStatements: [String: String] = [:]
    /// Whether ``preparedQuery(_:_:)`` prepares named statements: the configuration's choice,
    /// turned off for good when the server loses or already has one (a pooler in between).
    var usesPreparedStatements = true

    /// The executor that runs this actor: a serial queue owned by the connection.
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        self.executor.asUnownedSerialExecutor()
    }

    private init(label: String) {
        self.executor = PostgresQueueExecutor(label: label)
    }

    /// Opens a connection; throws a ``PostgresError`` of kind `.connection` with libpq's
    /// message (host, port and database, never the password) when it fails.
    public static func connect(_ configuration: PostgresConfiguration) async throws -> PostgresConnection {
        let connection = PostgresConnection(label: "kado.postgres.connection")
        try await connection.open(configuration)
        return connection
    }

    /// Whether the connection is open and healthy as far as libpq knows.
    public var isOpen: Bool {
        guard let conn = self.conn else { return false }
        return PQstatus(conn) == CONNECTION_OK
    }

    /// Closes the connection; later calls throw a `.connection` error. Closing twice is harmless.
    public func close() {
        guard let conn = self.conn else { return }
        self.handle = nil
        PQfinish(conn)
    }

    deinit {
        guard let handle = self.handle else { return }
        // deinit may run on any thread; PQfinish sends a Terminate message, so hand it to the queue.
        let notices = self.notices
        self.executor.queue.async {
            PQfinish(handle.raw)
            withExtendedLifetime(notices) {}
        }
    }

    /// The open `PGconn`, or a `.connection` error once closed.
    func connection(for query: String? = nil) throws -> OpaquePointer {
        guard let conn = self.conn else {
            throw PostgresError(kind: .connection, message: "connection is closed", query: query)
        }
        return conn
    }
}
