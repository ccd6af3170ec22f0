import KadoCurl

/// What providers share while sending: one libcurl multi engine (its own thread,
/// bounded concurrency) for every SMTP and HTTPS transfer.
public final class DeliveryTransport: Sendable {
    public let curl: CurlClient

    public init(curl: CurlClient) {
        self.curl = curl
    }
}
