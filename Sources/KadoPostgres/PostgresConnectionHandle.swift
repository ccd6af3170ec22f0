/// A libpq `PGconn` pointer.
///
/// `@unchecked Sendable` is safe because the pointer is only dereferenced by libpq calls made
/// on the owning connection's serial queue: while the `PostgresConnection` actor lives, only
/// its isolated methods (which run on that queue) use it, and its `deinit`, when no one else
/// can reach the actor any more, hands the pointer to the same queue to `PQfinish` it.
struct PostgresConnectionHandle: @unchecked Sendable {
    let raw: OpaquePointer

    init(_ raw: OpaquePointer) {
        self.raw = raw
    }
}
