import KadoEngine
import KadoURL
import Testing

private let smtp = URLCheck.check(schemes: ["smtp", "smtps"])
private let web = URLCheck.check(schemes: ["https", "http"])

@Suite("URLs: checked on load, shown without credentials")
struct URLCheckTests {
    @Test(
        "URLs kado can use",
        arguments: [
            "smtp://127.0.0.1:2525", "smtps://u:p@mail.example:465", "smtp://user:p%40ss@host",
            "smtp://[::1]:25", "smtp://[2001:db8::1]", "smtp://[::ffff:192.0.2.1]:587",
            "smtp://[fe80::1%25eth0]",
            "SMTP://mail.example", "smtp://mail.example.", "smtp://mail_relay:25", "smtp://user@host",
            "", "smtp://user:@host",
        ])
    func valid(url: String) {
        #expect(smtp(url) == nil, "\(url): \(smtp(url) ?? "")")
    }

    @Test(
        "web URLs kado can use",
        arguments: [
            "https://graph.facebook.com/v21.0", "http://127.0.0.1:8089/v1", "https://x.example/p?q=1&r=%20#f",
            "https://send.api.mailtrap.io/api/send", "https://hooks.example/kado/@team",
        ])
    func validWeb(url: String) {
        #expect(web(url) == nil, "\(url): \(web(url) ?? "")")
    }

    @Test(
        "malformed URLs, with the reason",
        arguments: [
            ("smtp://user:pw@[::1", "not closed with ']'"),
            ("smtp://[1::2::3]:25", "is not an IPv6 address"),
            ("smtp://[::1]25", "only ':port' may follow"),
            ("smtp://host:0", "port '0' is not a number from 1 to 65535"),
            ("smtp://host:65536", "port '65536'"),
            ("smtp://host:25a", "port '25a'"),
            ("smtp://host:", "no port number"),
            ("smtp://my host:25", "has a space"),
            ("smtp://", "no host name"),
            ("smtp://:25", "no host name"),
            ("smtp://user:pw@", "no host name"),
            ("smtp://user:pw@:25", "no host name"),
            ("smtp://ho$t", "the character '$'"),
            ("smtp://a..b", "empty part between dots"),
            ("smtp://:pw@host", "no user name"),
            ("smtp//host", "is not a URL (expected smtp:// or smtps://"),
            ("mail.example:25", "is not a URL"),
            ("ftp://host", "unsupported URL scheme 'ftp'"),
            ("smtp://user:p%4@host", "two hexadecimal digits"),
            ("smtp://host\n", "line break"),
        ])
    func invalid(url: String, reason: String) throws {
        let problem = try #require(smtp(url), "\(url) passed")
        #expect(problem.contains(reason), "\(problem)")
    }

    @Test(
        "a password with '@', '/' or '?' is an error that does not show it",
        arguments: [
            ("smtp://user:p@ssw0rd@host", "%40", "ssw0rd"),
            ("smtp://user:pa/ss@host:25", "%2F", "pa/ss"),
            ("smtp://user:pa?ss@host", "%3F", "pa?ss"),
        ])
    func secretPassword(url: String, advice: String, secret: String) throws {
        let problem = try #require(smtp(url), "\(url) passed")
        #expect(problem.contains(advice), "\(problem)")
        #expect(!problem.contains(secret), "\(problem)")
        #expect(!problem.contains("user:p"), "\(problem)")
    }

    @Test(
        "redaction hides the user info up to the authority's last '@', and the query",
        arguments: [
            ("smtp://user:p@ssw0rd@host", "smtp://***@host"),
            ("smtps://u:p@mail.example:465", "smtps://***@mail.example:465"),
            ("smtp://user:pa/ss@host:25", "smtp://***@host:25"),
            ("https://host/path?token=abc#x", "https://host/path?***"),
            ("https://host/hook#secret", "https://host/hook#***"),
            ("postgresql://kado:secret@[::1/oops", "postgresql://***@[::1/oops"),
            ("postgresql://kado:s3cr3t@db:5432/kado?sslmode=disable", "postgresql://***@db:5432/kado?***"),
            ("https://hooks.example/kado/@team", "https://hooks.example/kado/@team"),
            ("smtp://host:25", "smtp://host:25"),
            ("user:pw@host/x", "***@host/x"),
            ("", ""),
        ])
    func redacted(url: String, shown: String) {
        #expect(URLCheck.redacted(url) == shown)
    }
}
