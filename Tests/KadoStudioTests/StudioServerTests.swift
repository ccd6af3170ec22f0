import Foundation
import KadoCurl
import KadoEngine
import Testing

@testable import KadoStudio

@Suite("kado studio over real HTTP on 127.0.0.1")
struct StudioServerTests {
    @Test("the index lists every tenant and rule, with a strict CSP and no caching")
    func index() async throws {
        let studio = try await StudioFixture()
        let response = try await studio.get("/")
        await studio.stop()
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        let policy = try #require(response.headers["Content-Security-Policy"])
        #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"))
        #expect(!policy.contains("unsafe-inline") && policy.contains("frame-ancestors 'none'"))
        #expect(response.headers["Cache-Control"] == "no-store")
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
        for text in [
            "SayaKaya", "Lunaria", "href=\"/tenants/sayakaya/rules/birthday\"",
            "href=\"/tenants/lunaria/rules/birthday-week\"", "every day at 00:01 Asia/Jakarta",
        ] {
            #expect(response.text.contains(text), "\(text)")
        }
        #expect(!response.text.contains("<script>") && !response.text.contains("style=\""), "nothing inline")
    }

    @Test("a rule page renders every locale for the chosen sample; its files are the exact bytes")
    func rulePage() async throws {
        let studio = try await StudioFixture()
        let page = try await studio.get(
            "/tenants/lunaria/rules/birthday-week?sample=Emma+Clarke&date=2027-03-15")
        let files = "/tenants/lunaria/rules/birthday-week/messages/email/en-US/"
        let query = "?sample=Emma%20Clarke&date=2027-03-15"
        let body = try await studio.get(files + "body.html" + query)
        let eml = try await studio.get(files + "message.eml" + query)
        let request = try await studio.get(files + "request" + query)
        let sms = try await studio.get(
            "/tenants/lunaria/rules/birthday-week/messages/sms/en-US/message.txt" + query)
        let missing = try await studio.get(
            "/tenants/lunaria/rules/birthday-week/messages/email/fr-FR/body.html")
        await studio.stop()
        #expect(page.status == 200)
        #expect(page.text.contains("Happy birthday, Emma! 15% (max. €20) off all week"))
        #expect(page.text.contains("Gefeliciteerd, Emma!"), "the nl-NL variant for her too")
        #expect(page.text.contains("Emma gets this one"), "en-GB falls to en-US")
        #expect(body.headers["Content-Security-Policy"]?.hasPrefix("sandbox; default-src 'none'") == true)
        #expect(body.text.contains("<h1>Happy birthday, Emma!</h1>"))
        #expect(eml.headers["Content-Type"] == "message/rfc822")
        #expect(eml.headers["Content-Disposition"]?.contains("attachment") == true)
        #expect(
            eml.text.hasPrefix(
                "From: \"Lunaria\" <hallo@lunaria.example>\r\nTo: \"Emma Clarke\" <emma.clarke@example.com>\r\n"
            ))
        #expect(eml.text.contains("\r\nMessage-ID: <kado.lunaria.0."))
        #expect(
            request.text.contains("emma.clarke@example.com")
                && request.text.contains("Happy birthday, Emma!"),
            "what the channel's provider receives")
        #expect(request.headers["Content-Disposition"]?.contains("attachment") == true)
        #expect(missing.status == 404 && missing.text.contains("fr-FR"))
        // The SMS that members an email cannot reach get instead, with its segments.
        #expect(
            page.text.contains(
                "SMS <span class=\"muted\">· channel <code>sms</code> · fallback of <code>email</code>"))
        #expect(page.text.contains("Happy birthday Emma! 15% (max. €20) off at Lunaria all week"))
        #expect(sms.status == 200 && sms.headers["Content-Type"]?.hasPrefix("text/plain") == true)
        #expect(sms.text.hasPrefix("To: +12025550123\nSegments: 1 segment ("), "\(sms.text)")
    }

    @Test("an unknown tenant or rule is a 404 page that lists the rules there are")
    func notFound() async throws {
        let studio = try await StudioFixture()
        let response = try await studio.get("/tenants/sayakaya/rules/anniversary")
        await studio.stop()
        #expect(response.status == 404)
        #expect(response.text.contains("tenant &#39;sayakaya&#39; has no rule &#39;anniversary&#39;"))
        #expect(response.text.contains("href=\"/tenants/sayakaya/rules/birthday\""))
    }

    @Test("a request for another host name is refused (DNS rebinding)")
    func hostCheck() async throws {
        let studio = try await StudioFixture()
        let refused = try await studio.get("/", headers: [("Host", "evil.example:4000")])
        let local = try await studio.get("/", headers: [("Host", "localhost")])
        await studio.stop()
        #expect(refused.status == 421 && !refused.text.contains("SayaKaya"))
        #expect(local.status == 200)
    }

    @Test("a saved mistake shows with its file, line and source beside the last good rules; fixed, it goes")
    func live() async throws {
        let studio = try await StudioFixture()
        let before = try await studio.get("/api/state").text
        #expect(before.contains("\"valid\": true"))
        try studio.edit("rules/sayakaya/birthday.yaml", "at: \"00:01\"", "at: \"24:01\"")
        _ = try await studio.poll("/api/state") { $0.contains("\"valid\": false") }
        let broken = try await studio.get("/").text
        let file = studio.rules.appending(path: "sayakaya/birthday.yaml").path
        #expect(
            broken.contains(
                "\(file):10:7</span>: <span class=\"severity-error\">error</span>: &#39;trigger.at&#39;"))
        #expect(broken.contains("at: <mark>&quot;</mark>24:01&quot;"))
        #expect(broken.contains("last good configuration") && broken.contains("Birthday Special Promo"))
        let rulePage = try await studio.get("/tenants/sayakaya/rules/birthday").text
        #expect(rulePage.contains("Selamat ulang tahun, Ayu!"), "the last good rendering stays")
        try studio.edit("rules/sayakaya/birthday.yaml", "at: \"24:01\"", "at: \"00:01\"")
        let fixed = try await studio.poll("/") { !$0.contains("id=\"diagnostics\"") }
        await studio.stop()
        #expect(fixed.contains("badge ok\">valid"))
    }

    @Test("when nothing ever loaded, the page says so and lists why")
    func neverLoaded() async throws {
        let studio = try await StudioFixture { directory in
            let tenant = directory.appending(path: "rules/lunaria/tenant.yaml")
            let text = try String(contentsOf: tenant, encoding: .utf8)
            try text.replacing("timezone: Europe/Amsterdam", with: "timezone: Europe/Amsterdan").write(
                to: tenant, atomically: true, encoding: .utf8)
        }
        let index = try await studio.get("/").text
        let rule = try await studio.get("/tenants/sayakaya/rules/birthday")
        await studio.stop()
        #expect(index.contains("The configuration does not load: 1 error in 1 file"))
        #expect(index.contains("Europe/Amsterdan"))
        #expect(rule.text.contains("No configuration has loaded yet."))
    }
}
