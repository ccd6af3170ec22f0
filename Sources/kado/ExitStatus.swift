/// The exit statuses kado's commands use (documented in the README).
enum ExitStatus {
    /// A mistake in the command line or the configuration.
    static let usage: Int32 = 1
    /// The database cannot be reached.
    static let unreachable: Int32 = 2
    /// A database error (SQLSTATE printed).
    static let database: Int32 = 3
    /// Some tenants or rules failed; the others were done (each failure named on stderr).
    static let partial: Int32 = 4
}
