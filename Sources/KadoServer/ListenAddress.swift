/// Where the server listens: `HOST:PORT`, with an IPv6 host in brackets
/// (`127.0.0.1:8080`, `0.0.0.0:8080`, `[::1]:8080`); port 0 picks a free one.
package struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    package var host: String
    package var port: Int

    package static let `default` = ListenAddress(host: "127.0.0.1", port: 8080)

    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Why a listen address cannot be used.
    package struct Invalid: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    package init(parsing text: String) throws(Invalid) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":")
            else {
                throw Invalid(
                    description: "'\(text)' is not HOST:PORT (an IPv6 address goes in brackets: [::1]:8080)")
            }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                throw Invalid(description: "'\(text)' is not HOST:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:8080")
            }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty, !hostPart.contains(where: { $0 == " " || $0 == "/" }) else {
            throw Invalid(description: "'\(text)' has no host (e.g. 127.0.0.1:8080)")
        }
        guard let port = Int(portPart), (0...65535).contains(port), portPart.allSatisfy(\.isNumber) else {
            throw Invalid(description: "'\(text)': the port must be a number from 0 to 65535")
        }
        self.init(host: String(hostPart), port: port)
    }

    package var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
