import Foundation
import KadoEngine
import Testing

/// `kado preview --locale` and sample previews, without a database.
@Suite("Preview locales and samples")
struct PreviewLocaleTests {
    let renderer = try! MessageRenderer(configuration: ShippedConfig.configuration)

    /// The tenant's birthday rule (sayakaya's birthday, lunaria's birthday-week).
    func preview(_ tenantID: String, channel: String, locale: String?) -> Preview {
        let tenant = ShippedConfig.configuration.tenant(tenantID)!
        let rule = tenant.rules.first { $0.id == "birthday" || $0.id == "birthday-week" }!
        return Preview(
            tenant: tenant, rule: rule, channel: tenant.config.channels[channel]!,
            date: LocalDate("2026-03-15")!, locale: locale)
    }

    @Test(
        "a locale the template lacks is an error that lists the locales it has",
        arguments: ["email", "whatsapp"])
    func missingLocale(channel: String) throws {
        let preview = preview("sayakaya", channel: channel, locale: "fr-FR")
        let sample = preview.subject(for: preview.tenant.samples[0])
        #expect {
            try preview.message(for: sample, renderer: renderer)
        } throws: { error in
            (error as? Preview.Problem)?.description
                == "template 'birthday' has no \(channel) variant for locale 'fr-FR'; it has: en-US, id-ID"
        }
    }

    @Test("a locale the template has is rendered in it, whatever the customer's own")
    func chosenLocale() throws {
        let preview = preview("sayakaya", channel: "email", locale: "en-US")
        let ayu = preview.tenant.samples[0]
        #expect(ayu.locale == "id-ID")
        let message = try preview.message(for: preview.subject(for: ayu), renderer: renderer)
        #expect(message.locale == "en-US")
        guard let email = message.content as? RenderedEmail else { return }
        #expect(email.subject.replacing("\u{A0}", with: " ") == "Happy birthday, Ayu! Here is IDR 10,000 off")
    }

    @Test("without --locale the customer's own decides: en-GB gets the en-US variant")
    func customersLocale() throws {
        let preview = preview("lunaria", channel: "email", locale: nil)
        let emma = try #require(preview.tenant.sample(named: "Emma Clarke"))
        let message = try preview.message(for: preview.subject(for: emma), renderer: renderer)
        #expect(message.locale == "en-US")
        #expect(message.recipient == "emma.clarke@example.com" && message.recipientName == "Emma Clarke")
    }

    @Test("a sample's code has the rule's shape and stays the same from one render to the next")
    func sampleCode() throws {
        let preview = preview("lunaria", channel: "email", locale: nil)
        let sanne = preview.tenant.samples[0]
        let code = preview.subject(for: sanne).code
        #expect(code.hasPrefix("MAAN-") && code.count == 17)
        #expect(code.dropFirst(5).allSatisfy { PromoCodeSpec.defaultAlphabet.contains($0) })
        #expect(preview.subject(for: sanne).code == code)
        #expect(preview.subject(for: preview.tenant.samples[1]).code != code, "each sample its own")
        #expect(preview.subject(for: sanne).standing == .sample(sanne))
    }
}
