/// An HTTP request for ``CurlClient/perform(_:)``.
///
/// The body is sent as is (with a `Content-Length`); set a `Content-Type` header
/// yourself, otherwise libcurl labels a body `application/x-www-form-urlencoded`.
/// Redirects are not followed.
public struct HTTPRequest: Sendable {
    /// The request method, e.g. `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`.
    public var method: String
    /// An absolute `http://` or `https://` URL.
    public var url: String
    /// Header fields in the order they are sent. An empty value sends an empty header.
    public var headers: [(String, String)]
    /// The request body; empty means no body (except for `POST`, which sends an empty one).
    public var body: [UInt8]
    /// Limit for the whole transfer, connection included.
    public var timeout: Duration
    /// Limit for the connection phase (TCP and TLS handshakes).
    public var connectTimeout: Duration

    /// Creates a request; every value except `url` has a default.
    public init(
        method: String = "GET",
        url: String,
        headers: [(String, String)] = [],
        body: [UInt8] = [],
        timeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(10)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }
}
