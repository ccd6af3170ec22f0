import CLibPQ
import Foundation

extension PostgresConnection {
    /// Waits at most `timeout` for asynchronous notifications (`NOTIFY`) on the channels this
    /// connection `LISTEN`s to, and returns their channel names in arrival order: at once
    /// when some have arrived already, an empty list when none came in time.
    ///
    /// It blocks this connection's own serial queue in `poll(2)` on the libpq socket, never
    /// Swift's cooperative pool; use a connection that does nothing else (a listener). Throws
    /// a `.connection` error when the connection is lost.
    public func notifications(waitingUpTo timeout: Duration) throws -> [String] {
        let conn = try connection()
        let names = Self.takeNotifications(conn)
        guard names.isEmpty else { return names }
        let socket = PQsocket(conn)
        guard socket >= 0 else { throw PostgresError.fromConnection(conn, kind: .connection, query: nil) }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: max(0, Int64((timeout / .milliseconds(1)).rounded(.up))))
        let ready = poll(&descriptor, 1, milliseconds)
        guard ready > 0 else { return [] }
        guard PQconsumeInput(conn) == 1, PQstatus(conn) == CONNECTION_OK else {
            throw PostgresError.fromConnection(conn, kind: .connection, query: nil)
        }
        return Self.takeNotifications(conn)
    }

    private static func takeNotifications(_ conn: OpaquePointer) -> [String] {
        var names: [String] = []
        while let notification = PQnotifies(conn) {
            names.append(String(cString: notification.pointee.relname))
            PQfreemem(notification)
        }
        return names
    }
}
