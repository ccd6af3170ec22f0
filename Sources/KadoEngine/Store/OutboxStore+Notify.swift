import KadoPostgres

extension OutboxStore {
    /// The `LISTEN`/`NOTIFY` channel that says "the outbox has new due rows": issuing and
    /// `kado outbox retry` notify it in their transaction (delivered at commit), so an idle
    /// daemon is woken instead of polling.
    package static let notifyChannel = "kado_outbox"

    /// Tells listening dispatchers that due rows were added (sent when the transaction
    /// commits; several in one transaction arrive as one).
    package func announce(connection c: isolated PostgresConnection) throws {
        try c.execute("NOTIFY \(Self.notifyChannel)")
    }

    /// Subscribes `c` to ``notifyChannel``; wait with ``PostgresConnection/notifications(waitingUpTo:)``.
    package func listen(connection c: isolated PostgresConnection) throws {
        try c.execute("LISTEN \(Self.notifyChannel)")
    }
}
