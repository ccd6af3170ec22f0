/// An email address with an optional display name, checked so that it can go into an
/// SMTP envelope (`MAIL FROM`, `RCPT TO`) and a header field without escaping.
///
/// The address must be plain ASCII `local@domain` with exactly one `@`, no spaces,
/// control characters or specials (`<>()[]\,;:"`), a dot-separated host name and the
/// RFC 5321 length limits. The display name is free text: control characters (CR and
/// LF included) become spaces, so it can never start a header line.
package struct MailAddress: Sendable, Hashable {
    /// The bare address, e.g. `promo@kado.example`.
    package var address: String
    /// The display name, without control characters; nil when there is none.
    package var displayName: String?

    /// Checks `address` (surrounding spaces are ignored) and cleans `displayName`.
    package init(address: String, displayName: String? = nil) throws(MIMEError) {
        let trimmed = MessageText.trimmingSpaces(address)
        if let problem = Self.problem(with: trimmed) {
            throw MIMEError("invalid email address '\(MessageText.printable(address))': \(problem)")
        }
        self.address = trimmed
        let name = displayName.map(MessageText.singleLine) ?? ""
        self.displayName = name.isEmpty ? nil : name
    }

    /// Parses `Name <address>`, `"Name" <address>` or a bare address, as written in a
    /// channel's `sender`.
    package init(parsing text: String) throws(MIMEError) {
        let trimmed = MessageText.trimmingSpaces(text)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            try self.init(address: trimmed)
            return
        }
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        var name = MessageText.trimmingSpaces(String(trimmed[..<open]))
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = Self.unquoted(name.dropFirst().dropLast())
        }
        try self.init(address: String(inner), displayName: name)
    }

    /// The part after the `@`.
    package var domain: String {
        address.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }

    /// Why `address` is not acceptable, or nil when it is.
    static func problem(with address: String) -> String? {
        // Most addresses are fine: checked on the bytes first; the words only for a bad one.
        if isAcceptable(address.utf8) { return nil }
        return describeProblem(with: address)
    }

    /// Whether `address` passes every check of ``describeProblem(with:)``, on its bytes.
    static func isAcceptable(_ address: String.UTF8View) -> Bool {
        let count = address.count
        guard count > 0, count <= 254 else { return false }
        var at: Int?
        var index = 0
        for byte in address {
            guard byte > 0x20, byte < 0x7F else { return false }
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: ";"),
                UInt8(ascii: ":"),
                UInt8(ascii: "\""):
                return false
            case UInt8(ascii: "@"):
                guard at == nil else { return false }
                at = index
            default:
                break
            }
            index += 1
        }
        guard let at, at >= 1, at <= 64 else { return false }
        let bytes = Array(address)
        let local = bytes[..<at]
        guard local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".") else { return false }
        for (a, b) in zip(local, local.dropFirst()) where a == UInt8(ascii: ".") && b == UInt8(ascii: ".") {
            return false
        }
        for label in bytes[(at + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        {
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"),
                label.last != UInt8(ascii: "-"),
                label.allSatisfy({
                    ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                        || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
                        || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
                })
            else { return false }
        }
        return true
    }

    /// Why `address` is not acceptable, in words, or nil when it is.
    static func describeProblem(with address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard !address.isEmpty else { return "it is empty" }
        guard parts.count == 2 else { return "it needs exactly one '@'" }
        let local = parts[0]
        let domain = parts[1]
        guard address.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return "only visible ASCII characters are allowed (no spaces, line breaks or control characters)"
        }
        if let special = address.first(where: { "<>()[]\\,;:\"".contains($0) }) {
            return "the character '\(special)' is not allowed"
        }
        guard !local.isEmpty, local.utf8.count <= 64 else {
            return "the part before '@' must have 1 to 64 characters"
        }
        guard address.utf8.count <= 254 else { return "it is longer than 254 characters" }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            return "the part before '@' has a misplaced dot"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let validLabel: (Substring) -> Bool = { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        guard labels.allSatisfy(validLabel) else { return "'\(domain)' is not a valid domain name" }
        return nil
    }

    /// The content of a quoted string with its backslash escapes resolved.
    private static func unquoted(_ quoted: Substring) -> String {
        var result = ""
        var escaped = false
        for character in quoted {
            if !escaped, character == "\\" {
                escaped = true
                continue
            }
            escaped = false
            result.append(character)
        }
        return result
    }
}
