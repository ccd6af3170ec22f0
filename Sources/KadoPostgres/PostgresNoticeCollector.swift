import CLibPQ

/// Keeps the most recent server notices (e.g. `NOTICE: table "x" does not exist, skipping`)
/// so libpq does not print them to stderr.
///
/// libpq calls the notice processor synchronously from inside the libpq call that received
/// the notice, i.e. on the connection's queue; `take` is also only called there. So the
/// buffer is only touched from one thread at a time, which justifies `@unchecked Sendable`.
final class PostgresNoticeCollector: @unchecked Sendable {
    /// How many notices are kept; older ones are dropped.
    static let limit = 100
    private var notices: [String] = []

    func append(_ notice: String) {
        if self.notices.count >= Self.limit {
            self.notices.removeFirst(self.notices.count - Self.limit + 1)
        }
        self.notices.append(notice)
    }

    func take() -> [String] {
        defer { self.notices.removeAll() }
        return self.notices
    }

    /// Installs this collector as `conn`'s notice processor; the collector must outlive `conn`.
    func install(on conn: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = PQsetNoticeProcessor(
            conn,
            { context, message in
                guard let context, let message else { return }
                let collector = Unmanaged<PostgresNoticeCollector>.fromOpaque(context).takeUnretainedValue()
                collector.append(PostgresError.oneLine(message) ?? "")
            }, context)
    }
}
