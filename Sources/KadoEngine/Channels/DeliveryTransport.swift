import KadoCurl

/// What providers share while sending: a libcurl multi engine for HTTPS (WhatsApp,
/// Mailtrap, Twilio, webhooks) and an SMTP client with kept sessions, each with its own
/// thread and bounded concurrency, so a hung mail server never holds up an HTTP
/// provider or the other way round.
package final class DeliveryTransport: Sendable {
    /// HTTPS transfers.
    package let curl: CurlClient
    /// SMTP deliveries.
    package let smtp: SMTPClient

    package init(curl: CurlClient, smtp: SMTPClient) {
        self.curl = curl
        self.smtp = smtp
    }

    /// An SMTP client of its own beside `curl` (tests that send through one client).
    package convenience init(curl: CurlClient) throws {
        self.init(curl: curl, smtp: try SMTPClient())
    }

    /// Both engines for `concurrency` transfers (and SMTP sessions) each.
    package static func make(concurrency: Int) throws -> DeliveryTransport {
        let configuration = CurlClient.Configuration(
            maxConcurrentTransfers: concurrency, connectionCacheSize: max(32, concurrency))
        return DeliveryTransport(
            curl: try CurlClient(configuration: configuration),
            smtp: try SMTPClient(configuration: .init(maxConnections: concurrency)))
    }

    /// Lets running transfers finish for at most `gracePeriod`, then stops both engines.
    package func shutdown(gracePeriod: Duration) async {
        await curl.shutdown(gracePeriod: gracePeriod)
        await smtp.shutdown(gracePeriod: gracePeriod)
    }
}
