import Foundation
import KadoEngine
import Testing

private let sayakayaRule = "rules/sayakaya/birthday.yaml"
private let sayakayaTenant = "rules/sayakaya/tenant.yaml"
private let lunariaRule = "rules/lunaria/birthday.yaml"
private let lunariaTenant = "rules/lunaria/tenant.yaml"

/// Defects found in review (issue 9): each is an error at the value it concerns.
@Suite("Config review findings are errors at the offending value")
struct ConfigReviewTests {
    @Test(
        "a code prefix with look-alike characters, naming each and its column in the value",
        arguments: [
            ("B0DAY-", ["'0' (zero) at column 2 of the value"]),
            ("BIRTHDAY-", ["'I' (letter I) at column 2 of the value"]),
            ("L0L-", ["'L' (letter L) at column 1", "'0' (zero) at column 2", "'L' (letter L) at column 3"]),
            (
                "GOLD1-",
                ["'O' (letter O) at column 2", "'L' (letter L) at column 3", "'1' (one) at column 5"]
            ),
        ])
    func lookAlikePrefix(prefix: String, named: [String]) throws {
        let config = try EditedConfig(
            Edit(sayakayaRule, replacing: "prefix: BDAY-", with: "prefix: \(prefix)"))
        let diagnostic = expectError(
            config.result,
            try config.error(sayakayaRule, at: prefix, "'promo.code.prefix'", "look-alike", "0/O and 1/I/L"))
        for words in named {
            #expect(diagnostic?.message.contains(words) == true, "\(diagnostic?.message ?? "")")
        }
    }

    @Test("a year in a prefix: 2026 has a zero, 25 is fine")
    func cleanPrefix() throws {
        let config = try EditedConfig(
            Edit(sayakayaRule, replacing: "prefix: BDAY-", with: "prefix: HBD-2026-"))
        expectError(
            config.result,
            try config.error(sayakayaRule, at: "HBD-2026-", "'0' (zero) at column 6 of the value"))
        let clean = try EditedConfig(Edit(sayakayaRule, replacing: "prefix: BDAY-", with: "prefix: HBD-25-"))
        #expect(clean.result.errors.isEmpty, "\(diagnosticsText(clean.result))")
    }

    @Test(
        "a discount in another currency than the tenant's, at the currency, naming the tenant's",
        arguments: [
            (sayakayaRule, "currency: IDR", "USD", "sayakaya", "IDR"),
            (lunariaRule, "currency: EUR", "IDR", "lunaria", "EUR"),
        ])
    func otherCurrency(file: String, old: String, currency: String, tenant: String, tenantCurrency: String)
        throws
    {
        let config = try EditedConfig(Edit(file, replacing: old, with: "currency: \(currency)"))
        expectError(
            config.result,
            try config.error(
                file, at: "currency: \(currency)", offset: 10, "discount is in '\(currency)'",
                "tenant '\(tenant)' uses '\(tenantCurrency)'", "currency: \(tenantCurrency)"))
    }

    @Test("an unknown currency is reported once, as unknown")
    func unknownCurrency() throws {
        let config = try EditedConfig(Edit(sayakayaRule, replacing: "currency: IDR", with: "currency: IDX"))
        expectError(
            config.result,
            try config.error(sayakayaRule, at: "IDX", "unknown currency 'IDX'", "did you mean 'IDR'?"))
    }

    @Test(
        "an email sender that is not an address, at the sender value",
        arguments: [
            ("SayaKaya promo team", "exactly one '@'"),
            ("SayaKaya <promo.sayakaya.id>", "exactly one '@'"),
            ("SayaKaya <promo@sayakaya id>", "no spaces"),
            ("promo@@sayakaya.id", "exactly one '@'"),
            ("Promo <@sayakaya.id>", "before '@'"),
        ])
    func badSender(sender: String, reason: String) throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTenant, replacing: "sender: ${EMAIL_SENDER:-SayaKaya <promo@sayakaya.id>}",
                with: "sender: \"\(sender)\""))
        expectError(
            config.result,
            try config.error(
                sayakayaTenant, at: "\"\(sender)\"", "'channels.email.sender'", "'Name <address@domain>'",
                reason))
    }

    @Test("a sender from the environment is checked where the variable is written")
    func badSenderFromEnvironment() throws {
        let config = try EditedConfig(environment: ["LUNARIA_EMAIL_SENDER": "Lunaria team"])
        expectError(
            config.result,
            try config.error(
                lunariaTenant, at: "${LUNARIA_EMAIL_SENDER", "'channels.email.sender'", "'Lunaria team'"))
    }

    @Test(
        "senders with a display name, quoted or not, or bare, are fine",
        arguments: [
            "SayaKaya <promo@sayakaya.id>", "\\\"SayaKaya, Promo\\\" <promo@sayakaya.id>",
            "promo@sayakaya.id", "<promo@sayakaya.id>",
        ])
    func goodSender(sender: String) throws {
        let config = try EditedConfig(
            Edit(
                sayakayaTenant, replacing: "sender: ${EMAIL_SENDER:-SayaKaya <promo@sayakaya.id>}",
                with: "sender: \"\(sender)\""))
        #expect(config.result.errors.isEmpty, "\(diagnosticsText(config.result))")
    }

    @Test(
        "a malformed SMTP_URL is an error where ${SMTP_URL} is written, without its password",
        arguments: [
            ("smtp://user:pw@[::1", "not closed with ']'"), ("smtp://mail.example:99999", "port '99999'"),
            ("smtp://mail example", "space"), ("smtp://user:pw@", "no host name"),
            ("smtp://user:p@ssw0rd@mail.example", "%40"),
        ])
    func malformedSMTPURL(url: String, reason: String) throws {
        let config = try EditedConfig(environment: ["SMTP_URL": url])
        let diagnostic = expectError(
            config.result,
            try config.error(sayakayaTenant, at: "${SMTP_URL:-}", "'channels.email.providers[0].url'", reason)
        )
        #expect(diagnostic?.message.contains("pw") == false)
        #expect(diagnostic?.message.contains("ssw0rd") == false)
    }

    @Test("a password with an encoded '@' is fine, and the channel summary hides it")
    func encodedPassword() throws {
        let config = try EditedConfig(environment: ["SMTP_URL": "smtp://user:p%40ssw0rd@mail.example:587"])
        #expect(config.result.errors.isEmpty, "\(diagnosticsText(config.result))")
        let email = config.result.configuration?.tenant("sayakaya")?.config.channels["email"]
        #expect(email?.provider.summary == "SMTP smtp://***@mail.example:587")
    }
}
