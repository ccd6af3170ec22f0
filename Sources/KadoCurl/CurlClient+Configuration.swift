extension CurlClient {
    /// Limits and defaults of one ``CurlClient``.
    public struct Configuration: Sendable {
        /// Transfers running at once; further requests wait in a queue. Also the
        /// connection limit given to libcurl (`CURLMOPT_MAX_TOTAL_CONNECTIONS`).
        public var maxConcurrentTransfers: Int
        /// Open connections per host, if limited (`CURLMOPT_MAX_HOST_CONNECTIONS`).
        public var maxConnectionsPerHost: Int?
        /// Idle connections kept for reuse (`CURLMOPT_MAXCONNECTS`), at least
        /// `maxConcurrentTransfers`.
        public var connectionCacheSize: Int
        /// Largest accepted HTTP response body; a larger one fails with `.writeError`.
        public var maxResponseBodyBytes: Int
        /// `User-Agent` for HTTP requests that do not set one; nil keeps libcurl's.
        public var userAgent: String?
        /// Name of the engine thread (shows in debuggers and `top -H`).
        public var threadName: String

        /// Creates a configuration; every value has a default.
        public init(
            maxConcurrentTransfers: Int = 32,
            maxConnectionsPerHost: Int? = nil,
            connectionCacheSize: Int = 32,
            maxResponseBodyBytes: Int = 16 << 20,
            userAgent: String? = "kado",
            threadName: String = "kado-curl"
        ) {
            self.maxConcurrentTransfers = maxConcurrentTransfers
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.connectionCacheSize = connectionCacheSize
            self.maxResponseBodyBytes = maxResponseBodyBytes
            self.userAgent = userAgent
            self.threadName = threadName
        }
    }
}
