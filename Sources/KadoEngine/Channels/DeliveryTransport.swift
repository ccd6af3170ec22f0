import KadoCurl

/// What providers share while sending: libcurl multi engines (each its own thread,
/// bounded concurrency). SMTP has its own, because libcurl waits for an SMTP server's
/// reply after DATA on its engine thread: a hung mail server must not stall the HTTP
/// providers (WhatsApp, Mailtrap, webhooks).
package final class DeliveryTransport: Sendable {
    /// HTTPS transfers.
    package let curl: CurlClient
    /// SMTP deliveries.
    package let smtp: CurlClient

    package init(curl: CurlClient, smtp: CurlClient? = nil) {
        self.curl = curl
        self.smtp = smtp ?? curl
    }

    /// Both engines for `concurrency` transfers each.
    package static func make(concurrency: Int) throws -> DeliveryTransport {
        let configuration = CurlClient.Configuration(
            maxConcurrentTransfers: concurrency, connectionCacheSize: max(32, concurrency))
        return DeliveryTransport(
            curl: try CurlClient(configuration: configuration),
            smtp: try CurlClient(configuration: configuration))
    }

    /// Lets running transfers finish for at most `gracePeriod`, then stops both engines.
    package func shutdown(gracePeriod: Duration) async {
        await curl.shutdown(gracePeriod: gracePeriod)
        if smtp !== curl { await smtp.shutdown(gracePeriod: gracePeriod) }
    }
}
