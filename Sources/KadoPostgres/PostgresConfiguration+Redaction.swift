import CLibPQ
import KadoURL

extension PostgresConfiguration {
    /// `message` with this configuration's password removed. libpq quotes a malformed URL in
    /// its parse errors, password included, so connection errors pass through here.
    func redact(_ message: String) -> String {
        var text = message
        if !self.conninfo.isEmpty {
            text = text.replacingAll(self.conninfo, with: Self.redactURL(self.conninfo))
        }
        for secret in self.secrets where secret.count >= 3 {
            text = text.replacingAll(secret, with: "***")
        }
        return text
    }

    /// The password values in `conninfo`: what libpq parses, or the URL's user-info password.
    private var secrets: [String] {
        var values: [String] = []
        if let url = Self.urlPassword(self.conninfo) {
            values.append(url)
        }
        var errorMessage: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(self.conninfo, &errorMessage) {
            defer { PQconninfoFree(options) }
            var option = options
            while let keyword = option.pointee.keyword {
                let secret = option.pointee.dispchar.map { String(cString: $0) == "*" } ?? false
                if let value = option.pointee.val, secret || String(cString: keyword) == "password" {
                    values.append(String(cString: value))
                }
                option += 1
            }
        } else if let errorMessage {
            PQfreemem(errorMessage)
        }
        return values
    }

    /// `scheme://user:***@rest` for a URL with a password; other strings unchanged.
    static func redactURL(_ conninfo: String) -> String {
        conninfo.contains("://") ? URLCheck.redacted(conninfo) : conninfo
    }

    private static func urlPassword(_ conninfo: String) -> String? {
        guard let (start, end) = self.passwordRange(conninfo) else { return nil }
        return String(conninfo[start..<end])
    }

    /// The password between `user:` and the last `@` of a URL (malformed ones included).
    private static func passwordRange(_ conninfo: String) -> (String.Index, String.Index)? {
        guard let scheme = conninfo.range(of: "://"), let at = conninfo.lastIndex(of: "@"),
            at > scheme.upperBound
        else { return nil }
        let userInfo = conninfo[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        let start = conninfo.index(after: colon)
        return start < at ? (start, at) : nil
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return self.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
