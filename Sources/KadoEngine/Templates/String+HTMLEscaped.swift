extension String {
    /// The text with `<`, `>`, `&`, `"` and `'` as character references, as Mustache's own
    /// `{{var}}` escapes it; text that holds none of them is returned as it is. Templates,
    /// the unsubscribe page and the studio all escape through it.
    package var htmlEscaped: String {
        guard
            utf8.contains(where: {
                $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
                    || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
            })
        else { return self }
        var escaped = ""
        escaped.reserveCapacity(utf8.count + 16)
        for character in self {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
