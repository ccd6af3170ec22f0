/// URLs as the providers use them, checked when the configuration loads and shown without
/// credentials: `scheme://[user[:password]@]host[:port][/path][?query][#fragment]`, the host
/// a name, an IPv4 address or a bracketed IPv6 address (`[::1]`), the port 1 to 65535.
///
/// The one redaction of URLs in kado: KadoCurl, KadoPostgres and the engine all show
/// URLs through ``redacted(_:)``.
public enum URLCheck {
    /// The parts of a URL, split as libcurl splits them.
    struct Parts {
        var scheme: Substring
        /// `user:password`, up to the last `@` of the authority; nil when there is none.
        var userInfo: Substring?
        /// The host and optional `:port`.
        var hostPort: Substring
        /// From the first `/`, `?` or `#` after the authority to the end.
        var rest: Substring
    }

    /// Splits `url`; nil when it has no `scheme://`.
    static func parts(_ url: String) -> Parts? {
        guard let separator = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<separator.lowerBound]
        let afterScheme = url[separator.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        let authority = url[separator.upperBound..<authorityEnd]
        let rest = url[authorityEnd...]
        guard let at = authority.lastIndex(of: "@") else {
            return Parts(scheme: scheme, userInfo: nil, hostPort: authority, rest: rest)
        }
        return Parts(
            scheme: scheme, userInfo: authority[..<at], hostPort: authority[authority.index(after: at)...],
            rest: rest)
    }

    /// `url` without its credentials, query and fragment, for logs and messages:
    /// `smtp://user:p@ssw0rd@host:25/x?token=t` is `smtp://***@host:25/x?***`.
    ///
    /// The user info ends at the *last* `@` of the authority, since a password may hold `@`.
    /// When a password holds a `/`, `?` or `#` (which end the authority), the text up to the
    /// last `@` before the query is hidden too: a password is never shown, even in a URL
    /// that is not valid.
    public static func redacted(_ url: String) -> String {
        var (prefix, body) = (Substring(), Substring(url))
        if let separator = url.firstRange(of: "://") {
            prefix = url[..<separator.upperBound]
            body = url[separator.upperBound...]
        }
        let authority = body[..<(body.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? body.endIndex)]
        var hidden = false
        if let at = authority.lastIndex(of: "@") {
            body = body[body.index(after: at)...]
            hidden = true
        } else if !isHostPort(authority), let at = body.lastIndex(of: "@") {
            // `user:pa/ss@host`: what precedes the '/' is no host and port, so it is user info.
            body = body[body.index(after: at)...]
            hidden = true
        }
        var suffix = ""
        if let query = body.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            suffix = String(body[query]) + "***"
            body = body[..<query]
        }
        return String(prefix) + (hidden ? "***@" : "") + String(body) + suffix
    }

    /// A check for a URL setting with one of `schemes`; an empty value passes (it means "not
    /// configured", e.g. `${SMTP_URL:-}`, and the provider then stands aside).
    public static func check(schemes: [String]) -> @Sendable (String) -> String? {
        { value in problem(with: value, schemes: schemes) }
    }

    /// Why `value` is not a URL kado can use, or nil. Messages show the URL redacted.
    static func problem(with value: String, schemes: [String]) -> String? {
        guard !value.isEmpty else { return nil }
        let shown = "'\(redacted(value))'"
        let expected = schemes.map { "\($0)://" }.joined(separator: " or ")
        if value.unicodeScalars.contains(where: { $0 == " " }) {
            return "\(shown) has a space in it; a URL has none (write a space as %20)"
        }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "\(shown) has a line break or control character in it"
        }
        guard let parts = parts(value) else { return "\(shown) is not a URL (expected \(expected)...)" }
        let scheme = parts.scheme.lowercased()
        guard isScheme(parts.scheme) else { return "\(shown) is not a URL (expected \(expected)...)" }
        guard schemes.contains(scheme) else {
            return "unsupported URL scheme '\(scheme)' in \(shown) (expected \(expected))"
        }
        let invalid = "\(shown) is not a valid URL"
        if parts.userInfo == nil, parts.rest.contains("@"), !isHostPort(parts.hostPort) {
            return
                "\(invalid): if a password comes before the '@', write any '/', '?' and '#' in it as %2F, %3F and %23"
        }
        if let userInfo = parts.userInfo {
            if userInfo.contains("@") {
                return
                    "\(invalid): the user name or password holds '@'; write it as %40 (libcurl reads the first '@' as the end of the password)"
            }
            if userInfo.isEmpty || userInfo.hasPrefix(":") {
                return "\(invalid): there is no user name before the ':' and '@'"
            }
            if !hasValidPercents(userInfo) {
                return
                    "\(invalid): in the user name or password, '%' must be followed by two hexadecimal digits (%25 for '%' itself)"
            }
        }
        if let problem = hostPortProblem(parts.hostPort) { return "\(invalid): \(problem)" }
        if !hasValidPercents(parts.rest) {
            return
                "\(invalid): in the path, '%' must be followed by two hexadecimal digits (%25 for '%' itself)"
        }
        return nil
    }

    /// RFC 3986: a letter, then letters, digits, `+`, `-` and `.`.
    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetter else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCIILetter || $0.isASCIIDigit || "+-.".unicodeScalars.contains($0)
        }
    }

    /// Whether `text` is a host with an optional valid port.
    private static func isHostPort(_ text: Substring) -> Bool {
        hostPortProblem(text) == nil
    }

    /// What is wrong with `host[:port]`, or nil.
    private static func hostPortProblem(_ text: Substring) -> String? {
        var host = text
        var port: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                return "the IPv6 address after '[' is not closed with ']'"
            }
            let address = text[text.index(after: text.startIndex)..<close]
            guard isIPv6(address) else { return "'[\(address)]' is not an IPv6 address" }
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    return "after the IPv6 address ']' only ':port' may follow"
                }
                port = after.dropFirst()
            }
            host = text[...close]
        } else if let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        if host.isEmpty { return "there is no host name after '://'" }
        if !host.hasPrefix("["), let problem = hostNameProblem(host) { return problem }
        if let port {
            if port.isEmpty { return "there is a ':' after the host but no port number" }
            guard port.unicodeScalars.allSatisfy(\.isASCIIDigit), port.count <= 5, let number = Int(port),
                (1...65535).contains(number)
            else { return "the port '\(port)' is not a number from 1 to 65535" }
        }
        return nil
    }

    /// A host name or IPv4 address: labels of letters, digits, `-` and `_` separated by dots.
    private static func hostNameProblem(_ host: Substring) -> String? {
        if let bad = host.first(where: { $0.isASCII && !($0.isLetter || $0.isNumber || "-._~%".contains($0)) }
        ) {
            return "the host name '\(host)' has the character '\(bad)'"
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        // A final dot (a fully qualified name) is allowed; an empty label elsewhere is not.
        if labels.dropLast().contains(where: \.isEmpty) || (labels.count == 1 && labels[0].isEmpty) {
            return "the host name '\(host)' has an empty part between dots"
        }
        if !hasValidPercents(host) {
            return "in the host name, '%' must be followed by two hexadecimal digits"
        }
        return nil
    }

    /// An IPv6 address (RFC 4291 text form, optionally ending in IPv4, optionally with a
    /// `%25zone`), as written between brackets.
    private static func isIPv6(_ text: Substring) -> Bool {
        var address = text
        if let percent = text.firstIndex(of: "%") {
            let zone = text[percent...]
            guard zone.hasPrefix("%25"), zone.count > 3 else { return false }
            address = text[..<percent]
        }
        guard address.contains(":") else { return false }
        let halves = address.split(separator: "::", omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (index, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (position, part) in parts.enumerated() {
                let isLast = index == halves.count - 1 && position == parts.count - 1
                if isLast, part.contains(".") {
                    guard isIPv4(part) else { return false }
                    groups += 2
                    continue
                }
                guard (1...4).contains(part.count), part.unicodeScalars.allSatisfy(\.isASCIIHexDigit) else {
                    return false
                }
                groups += 1
            }
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }

    private static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                (1...3).contains(part.count) && part.unicodeScalars.allSatisfy(\.isASCIIDigit)
                    && (Int(part) ?? 256) <= 255
            }
    }

    /// Every `%` is followed by two hexadecimal digits.
    private static func hasValidPercents(_ text: Substring) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "%" {
                guard let a = scalars.next(), let b = scalars.next(), a.isASCIIHexDigit, b.isASCIIHexDigit
                else {
                    return false
                }
            }
        }
        return true
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    fileprivate var isASCIIHexDigit: Bool {
        isASCIIDigit || ("a"..."f").contains(self) || ("A"..."F").contains(self)
    }
}
