extension PostgresConnection {
    /// Returns and forgets the server notices received since the last call (at most the
    /// latest 100), one line each, e.g. `NOTICE:  relation "x" already exists, skipping`.
    ///
    /// Notices are collected instead of being printed to stderr.
    public func takeNotices() -> [String] {
        self.notices.take()
    }
}
