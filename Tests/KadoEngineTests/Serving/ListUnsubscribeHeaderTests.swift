import Foundation
import KadoEngine
import Testing

@Suite("List-Unsubscribe headers (RFC 8058) in every email when the tenant has one-click unsubscribe")
struct ListUnsubscribeHeaderTests {
    static func message(unsubscribe: String?) -> OutgoingMessage {
        OutgoingMessage(
            id: 7, tenantID: "sayakaya", channel: "email", recipient: "ann@example.com", recipientName: "Ann",
            locale: "en-US",
            content: RenderedEmail(
                from: "SayaKaya <promo@sayakaya.id>", subject: "Hi", html: "<p>Hi</p>", text: "Hi",
                unsubscribeURL: unsubscribe))
    }

    static func headers(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n ", with: " ")
        return head.components(separatedBy: "\r\n")
    }

    @Test("both headers, the URL in angle brackets, in the bytes SMTP, the file outbox and preview share")
    func present() throws {
        let url = "https://promo.example.com/u/v1.sayakaya.email.7." + String(repeating: "A", count: 43)
        let message = Self.message(unsubscribe: url)
        let bytes = try message.content.fileBytes(for: message, date: Date(timeIntervalSince1970: 0)).get()
        let headers = Self.headers(bytes)
        #expect(headers.contains("List-Unsubscribe: <\(url)>"))
        #expect(headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        // Folded (the URL is longer than a line), never longer than RFC 5322 allows.
        #expect(
            String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").allSatisfy {
                $0.utf8.count <= 998
            })
    }

    @Test("none without a link, or with one that could break the header")
    func absent() throws {
        for url in [
            nil, "", "https://x.example/u/a\r\nBcc: evil@example.com", "https://x.example/u/<a>",
            "https://x.example/ü",
        ] {
            let message = Self.message(unsubscribe: url)
            let bytes = try message.content.fileBytes(for: message, date: Date()).get()
            #expect(
                !Self.headers(bytes).contains { $0.lowercased().hasPrefix("list-unsubscribe") },
                "\(url ?? "nil")")
            #expect(!Self.headers(bytes).contains { $0.lowercased().hasPrefix("bcc") })
        }
    }

    @Test(
        "the renderer gives {{unsubscribe_url}} and the header the recipient's own link; the shipped footer shows it"
    )
    func rendered() throws {
        let root = repositoryRoot.path
        let configuration = try #require(
            ConfigLoader(
                rulesDirectory: root + "/rules", templatesDirectory: root + "/templates",
                environment: [
                    "KADO_PUBLIC_URL": "https://promo.example.com",
                    "KADO_UNSUBSCRIBE_SECRET": "secret-0123456789abcdef",
                ]
            ).load().configuration)
        let tenant = try #require(configuration.tenant("sayakaya"))
        let email = try Self.render(configuration, userID: 42)
        let url = try #require(email.unsubscribeURL)
        #expect(url == tenant.config.unsubscribe?.url(tenantID: "sayakaya", channel: "email", userID: 42))
        #expect(email.html.contains("<a href=\"\(url)\">Berhenti berlangganan</a>"))
        #expect(email.text.contains("Berhenti berlangganan: \(url)"))

        // Without public_url and secret: no header, no footer.
        let plain = try Self.render(ShippedConfig.configuration, userID: 42)
        #expect(plain.unsubscribeURL == nil)
        #expect(!plain.text.contains("Berhenti berlangganan"))
        #expect(!plain.html.contains("unsubscribe") && !plain.html.contains("Berhenti"))
    }

    /// sayakaya's birthday email for a user, as the dispatcher and preview render it.
    static func render(_ configuration: Configuration, userID: Int) throws -> RenderedEmail {
        let tenant = try #require(configuration.tenant("sayakaya"))
        let renderer = try MessageRenderer(configuration: configuration)
        let template = try #require(renderer.template(tenant: "sayakaya", name: "birthday"))
        let channel = try #require(tenant.config.channels["email"])
        let message = renderer.message(
            id: 1, tenant: tenant.config, ruleID: "birthday", ruleName: "Birthday", channel: channel,
            template: template,
            recipient: .init(id: userID, name: "Ann Lee", email: "ann@example.com", phone: nil, locale: nil),
            address: "ann@example.com", code: "BDAY-X",
            terms: PromoTerms(rule: tenant.rules[0], tenant: tenant.config, date: LocalDate("2026-03-15")!),
            preferredLocale: nil)
        guard let email = try #require(message).content as? RenderedEmail else {
            throw CocoaError(.featureUnsupported)
        }
        return email
    }
}
